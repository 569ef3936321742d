import { NodeOperationError } from 'n8n-workflow';

import { REPLIES_UNDER_POST_LIST } from '../../reading/listKinds';
import { listUnderPost } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Pending Replies',
	description:
		'Get many replies waiting for approval (or ignored) on a post of the connected account that has reply approvals on',
	action: 'Get pending replies',
};

export const requiredScopes = ['threads_read_replies', 'threads_manage_replies'];

const show = { resource: ['reply'], operation: ['getPending'] };

/** Replies waiting for approval (or ignored) on a post with reply approvals. */
export const { description, execute, isList } = listUnderPost({
	show,
	list: REPLIES_UNDER_POST_LIST,
	postDescription:
		'A post of the connected account published with reply approvals on, from the list, by Threads URL or by ID',
	properties: [
		{
			displayName: 'Approval Status',
			name: 'approvalStatus',
			type: 'options',
			options: [
				{
					name: 'Ignored',
					value: 'ignored',
					description: 'Replies that were ignored (not approved)',
				},
				{ name: 'Pending', value: 'pending', description: 'Replies waiting for a decision' },
			],
			default: 'pending',
			description: 'Which replies to list',
			displayOptions: { show },
		},
	],
	readItem(context, itemIndex) {
		const approvalStatus = context.getNodeParameter(
			'approvalStatus',
			itemIndex,
			'pending',
		) as string;
		if (approvalStatus !== 'pending' && approvalStatus !== 'ignored') {
			throw new NodeOperationError(
				context.getNode(),
				`Approval Status must be "pending" or "ignored", got "${approvalStatus}"`,
				{ itemIndex },
			);
		}
		return approvalStatus;
	},
	source: (postId, approvalStatus) => ({
		path: `/${postId}/pending_replies`,
		qs: { approval_status: approvalStatus },
		scope: requiredScopes[0],
		action: `list the ${approvalStatus} replies of post ${postId}`,
	}),
	operationScopes: {
		scopes: requiredScopes,
		hint: 'Threads gives the same answer for a post of another account: only posts of the connected account have pending replies to read.',
	},
});
