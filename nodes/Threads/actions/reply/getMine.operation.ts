import { DEFAULT_REPLY_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../reading/fields';
import { listOperation } from '../listOperation';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get My Replies',
	description: 'Get many replies written by the connected account, newest first',
	action: 'Get my replies',
};

export const requiredScopes = ['threads_read_replies'];

/** The replies the connected account wrote, newest first. */
export const { description, execute, isList } = listOperation({
	show: { resource: ['reply'], operation: ['getMine'] },
	list: {
		noun: 'reply',
		fieldOptions: MEDIA_FIELD_OPTIONS,
		fieldNames: MEDIA_FIELD_NAMES,
		defaultFields: DEFAULT_REPLY_FIELDS,
		timeRange: true,
	},
	source: {
		path: '/me/replies',
		scope: requiredScopes[0],
		action: "list the connected account's replies",
	},
});
