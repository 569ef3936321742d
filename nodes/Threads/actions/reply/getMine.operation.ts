import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_REPLY_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';

export const requiredScopes = ['threads_read_replies'];

const list: ListConfig = {
	noun: 'reply',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_REPLY_FIELDS,
	timeRange: true,
};

export const description: INodeProperties[] = listProperties(
	{ resource: ['reply'], operation: ['getMine'] },
	list,
);

/** The replies the connected account wrote, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const parameters = readListParameters(this, itemIndex, list);
	return await fetchPostList(
		this,
		{
			path: '/me/replies',
			scope: requiredScopes[0],
			action: "list the connected account's replies",
			itemIndex,
		},
		parameters,
	);
}
