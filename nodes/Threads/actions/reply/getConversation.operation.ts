import { REPLIES_UNDER_POST_LIST } from '../../reading/listKinds';
import { listUnderPost } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Conversation',
	description:
		'Get every reply under a post at all depths, as one flat list (replied_to tells the parent)',
	action: 'Get the conversation of a post',
};

export const requiredScopes = ['threads_read_replies'];

/** pythreads `conversation(id)`: every reply under a post, at all depths, flat. */
export const { description, execute, isList } = listUnderPost({
	show: { resource: ['reply'], operation: ['getConversation'] },
	list: REPLIES_UNDER_POST_LIST,
	postDescription:
		'The post whose whole conversation to list (replies at every depth, as one flat list; replied_to tells where each one sits), from the list, by Threads URL or by ID',
	source: (postId) => ({
		path: `/${postId}/conversation`,
		scope: requiredScopes[0],
		action: `list the conversation of post ${postId}`,
	}),
});
