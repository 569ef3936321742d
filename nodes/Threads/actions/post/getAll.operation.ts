import { POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	description:
		"Get many of the connected account's own posts, newest first, optionally between two dates",
	action: 'Get many posts',
};

export const requiredScopes = ['threads_basic'];

/** pythreads `threads(since, until, limit, before, after)`: the connected account's posts, newest first. */
export const { description, execute, isList } = listOperation({
	show: { resource: ['post'], operation: ['getAll'] },
	list: POST_LIST,
	source: {
		path: '/me/threads',
		scope: requiredScopes[0],
		action: "list the connected account's posts",
	},
});
