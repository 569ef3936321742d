import { POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';

export const requiredScopes = ['threads_basic'];

/** pythreads `threads(since, until, limit, before, after)`: the connected account's posts, newest first. */
export const { description, execute } = listOperation({
	show: { resource: ['post'], operation: ['getAll'] },
	list: POST_LIST,
	source: {
		path: '/me/threads',
		scope: requiredScopes[0],
		action: "list the connected account's posts",
	},
});
