import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_POST_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import { parseUsername } from '../../helpers/ids';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';

export const requiredScopes = ['threads_profile_discovery'];

const show = { resource: ['user'], operation: ['getProfilePosts'] };
const list: ListConfig = {
	noun: 'post',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_POST_FIELDS,
	timeRange: true,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. zuck',
		description:
			'Username of a public Threads profile with at least 100 followers: the name, @name, or the profile URL',
		displayOptions: { show },
	},
	...listProperties(show, list),
];

/** The posts of a public profile, newest first. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const username = parseUsername(
		this,
		this.getNodeParameter('username', itemIndex),
		'Username',
		itemIndex,
	);
	const parameters = readListParameters(this, itemIndex, list);
	return await fetchPostList(
		this,
		{
			path: '/profile_posts',
			qs: { username },
			scope: requiredScopes[0],
			action: `list the posts of @${username}`,
			itemIndex,
		},
		parameters,
	);
}
