import { REPLIES_UNDER_POST_LIST } from '../../reading/listKinds';
import { listUnderPost } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	description: 'Get many direct (top-level) replies to a post or reply',
	action: 'Get many replies',
};

export const requiredScopes = ['threads_read_replies'];

/** pythreads `replies(id)`: the top-level replies of a post. */
export const { description, execute, isList } = listUnderPost({
	show: { resource: ['reply'], operation: ['getAll'] },
	list: REPLIES_UNDER_POST_LIST,
	postDescription:
		'The post (or reply) whose direct replies to list, from the list, by Threads URL or by ID. Replies to those replies are not included: use Get Conversation for every depth.',
	source: (postId) => ({
		path: `/${postId}/replies`,
		scope: requiredScopes[0],
		action: `list the replies to post ${postId}`,
	}),
});
