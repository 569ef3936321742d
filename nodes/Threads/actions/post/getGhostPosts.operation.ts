import {
	DEFAULT_GHOST_POST_FIELDS,
	GHOST_POST_FIELD_NAMES,
	GHOST_POST_FIELD_OPTIONS,
} from '../../reading/fields';
import { listOperation } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Many Ghost Posts',
	description:
		"Get many of the connected account's ghost posts (posts visible for 24 hours), newest first",
	action: 'Get many ghost posts',
};

export const requiredScopes = ['threads_basic'];

/** The connected account's ghost posts (visible 24 hours, then archived), newest first. */
export const { description, execute, isList } = listOperation({
	show: { resource: ['post'], operation: ['getGhostPosts'] },
	list: {
		noun: 'ghost post',
		fieldOptions: GHOST_POST_FIELD_OPTIONS,
		fieldNames: GHOST_POST_FIELD_NAMES,
		defaultFields: DEFAULT_GHOST_POST_FIELDS,
		timeRange: true,
	},
	source: {
		path: '/me/ghost_posts',
		scope: requiredScopes[0],
		action: "list the connected account's ghost posts",
	},
});
