import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolvePostId } from '../../reading/postLookup';
import { postLocator } from '../../descriptions/common';
import { namingOperationScopes } from '../../transport/operationScopes';
import { threadsApiRequest } from '../../transport/request';

export const MANAGE_SCOPE = 'threads_manage_replies';

/**
 * The Reply field, and before it the Post whose replies its "From list" mode shows. The Post is
 * only read by that list (never by the operation), so it is optional and old workflows lack it.
 */
export function replyLocator(operation: string, description: string): INodeProperties[] {
	const show = { resource: ['reply'], operation: [operation] };
	return [
		postLocator({
			displayName: 'Post',
			name: 'postId',
			description:
				'The post whose replies the Reply list below shows. Only used to pick the reply from the list.',
			show,
			required: false,
		}),
		postLocator({
			displayName: 'Reply',
			name: 'replyId',
			description,
			show,
			listMethod: 'searchReplies',
		}),
	];
}

/** POST /{reply-id}/manage_reply?hide= or /manage_pending_reply?approve=; both answer `{ success }`. */
export async function manageReply(
	context: IExecuteFunctions,
	itemIndex: number,
	request: {
		edge: 'manage_reply' | 'manage_pending_reply';
		parameter: string;
		value: boolean;
		verb: string;
	},
): Promise<{ replyId: string; success: boolean }> {
	const replyId = await resolvePostId.call(
		context,
		context.getNodeParameter('replyId', itemIndex),
		'Reply',
		itemIndex,
	);
	const action = `${request.verb} reply ${replyId}`;
	const sent = await namingOperationScopes(
		context,
		{
			scopes: [MANAGE_SCOPE],
			action,
			itemIndex,
			hint: 'Threads gives the same answer when the reply is not in a conversation started by the connected account: only replies under its own posts can be managed.',
		},
		async (): Promise<IDataObject> =>
			await threadsApiRequest.call(context, {
				method: 'POST',
				path: `/${replyId}/${request.edge}`,
				body: { [request.parameter]: request.value },
				// Setting the same state twice gives the same result.
				retrySafe: true,
				scope: MANAGE_SCOPE,
				action,
				itemIndex,
			}),
	);
	return { replyId, success: sent.success === true };
}
