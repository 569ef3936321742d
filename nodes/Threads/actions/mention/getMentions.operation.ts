import { POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many',
	description: 'Get many public posts by others that mention the connected account, newest first',
	action: 'Get many mentions',
};

export const requiredScopes = ['threads_manage_mentions'];

/** Public posts by others that mention the connected account, newest first. */
export const { description, execute, isList } = listOperation({
	show: { resource: ['mention'], operation: ['getMentions'] },
	list: POST_LIST,
	source: {
		path: '/me/mentions',
		scope: requiredScopes[0],
		action: 'list the mentions of the connected account',
	},
});
