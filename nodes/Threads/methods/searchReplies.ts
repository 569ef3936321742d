import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolvePostId } from '../reading/postLookup';
import { parameterText } from '../shared/ids';
import { postItem } from './labels';
import { LIST_PAGE_SIZE, readListPage, textFilter } from './listPage';
import { POST_LIST_FIELDS } from './searchPosts';

/** Operations whose reply is one waiting for approval: their list shows the pending replies. */
const PENDING_OPERATIONS = ['approve', 'ignore'];

/**
 * "From list" of the Reply locator: the replies under the post picked in the node's Post parameter
 * (by list, ID or URL). Approve and Ignore list the replies waiting for approval; Hide and Unhide
 * the whole conversation, nested replies included. The filter matches text and author, per page.
 */
export async function searchReplies(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const post = parameterText(this.getCurrentNodeParameter('postId'));
	if (post === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Pick the Post first: the list shows the replies under it',
		);
	}
	if (post.startsWith('=')) {
		// The editor holds the expression, not its value for some input item.
		throw new NodeOperationError(
			this.getNode(),
			'The Post is an expression: to list its replies, pick the Post from the list or give its ID or URL',
		);
	}
	const postId = await resolvePostId.call(this, post, 'Post', 0);
	const pending = PENDING_OPERATIONS.includes(String(this.getCurrentNodeParameter('operation')));
	const page = await readListPage(
		this,
		{
			path: pending ? `/${postId}/pending_replies` : `/${postId}/conversation`,
			qs: {
				fields: `${POST_LIST_FIELDS},username`,
				...(pending ? { approval_status: 'pending' } : {}),
			},
			scope: 'threads_read_replies',
			action: pending
				? `list the pending replies of post ${postId}`
				: `list the replies under post ${postId}`,
		},
		{
			paginationToken,
			pageSize: LIST_PAGE_SIZE,
			keep: textFilter(filter, (reply) => [reply.text, reply.username]),
		},
	);
	return { results: page.data.map(postItem), paginationToken: page.paginationToken };
}
