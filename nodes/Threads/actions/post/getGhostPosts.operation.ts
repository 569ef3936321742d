import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_GHOST_POST_FIELDS,
	GHOST_POST_FIELD_NAMES,
	GHOST_POST_FIELD_OPTIONS,
} from '../../helpers/fields';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';

export const requiredScopes = ['threads_basic'];

const list: ListConfig = {
	noun: 'ghost post',
	fieldOptions: GHOST_POST_FIELD_OPTIONS,
	fieldNames: GHOST_POST_FIELD_NAMES,
	defaultFields: DEFAULT_GHOST_POST_FIELDS,
	timeRange: true,
};

export const description: INodeProperties[] = listProperties(
	{ resource: ['post'], operation: ['getGhostPosts'] },
	list,
);

/** The connected account's ghost posts (visible 24 hours, then archived), newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const parameters = readListParameters(this, itemIndex, list);
	return await fetchPostList(
		this,
		{
			path: '/me/ghost_posts',
			scope: requiredScopes[0],
			action: "list the connected account's ghost posts",
			itemIndex,
		},
		parameters,
	);
}
