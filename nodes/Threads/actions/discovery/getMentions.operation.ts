import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_POST_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';

export const requiredScopes = ['threads_manage_mentions'];

const list: ListConfig = {
	noun: 'post',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_POST_FIELDS,
	timeRange: true,
};

export const description: INodeProperties[] = listProperties(
	{ resource: ['discovery'], operation: ['getMentions'] },
	list,
);

/** Public posts by others that mention the connected account, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const parameters = readListParameters(this, itemIndex, list);
	return await fetchPostList(
		this,
		{
			path: '/me/mentions',
			scope: requiredScopes[0],
			action: 'list the mentions of the connected account',
			itemIndex,
		},
		parameters,
	);
}
