import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attempt } from '../../helpers/attempt';
import { DEFAULT_REPLY_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import { resolvePostId } from '../../helpers/ids';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';
import { postLocator } from '../../helpers/properties';
import { withOperationScopes } from '../../helpers/scopes';

export const requiredScopes = ['threads_read_replies', 'threads_manage_replies'];

const show = { resource: ['reply'], operation: ['getPending'] };
const list: ListConfig = {
	noun: 'reply',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_REPLY_FIELDS,
	order: true,
};

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description:
			'A post of the connected account published with reply approvals on, by ID or Threads URL',
		show,
	}),
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
	...listProperties(show, list),
];

/** Replies waiting for approval (or ignored) on a post with reply approvals. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const approvalStatus = this.getNodeParameter('approvalStatus', itemIndex, 'pending') as string;
	if (approvalStatus !== 'pending' && approvalStatus !== 'ignored') {
		throw new NodeOperationError(
			this.getNode(),
			`Approval Status must be "pending" or "ignored", got "${approvalStatus}"`,
			{ itemIndex },
		);
	}
	const parameters = readListParameters(this, itemIndex, list);
	const postId = await resolvePostId.call(
		this,
		this.getNodeParameter('postId', itemIndex),
		'Post',
		itemIndex,
	);
	const action = `list the ${approvalStatus} replies of post ${postId}`;
	const listed = await attempt(
		async () =>
			await fetchPostList(
				this,
				{
					path: `/${postId}/pending_replies`,
					qs: { approval_status: approvalStatus },
					scope: requiredScopes[0],
					action,
					itemIndex,
				},
				parameters,
			),
	);
	if (!listed.ok) {
		throw withOperationScopes(
			this,
			listed.error,
			requiredScopes,
			action,
			itemIndex,
			'Threads gives the same answer for a post of another account: only posts of the connected account have pending replies to read.',
		);
	}
	return listed.value;
}
