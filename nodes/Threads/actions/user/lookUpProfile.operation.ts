import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PUBLIC_PROFILE_FIELDS,
	PUBLIC_PROFILE_FIELD_NAMES,
	PUBLIC_PROFILE_FIELD_OPTIONS,
	fieldsQuery,
} from '../../helpers/fields';
import { parseUsername } from '../../helpers/ids';
import { threadsApiRequest } from '../../transport';

export const requiredScopes = ['threads_profile_discovery'];

const show = { resource: ['user'], operation: ['lookUpProfile'] };

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
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: PUBLIC_PROFILE_FIELD_OPTIONS,
		default: [...DEFAULT_PUBLIC_PROFILE_FIELDS],
		description: 'Which profile fields to return',
		displayOptions: { show },
	},
];

/** A public profile (followers, verification, recent engagement counts). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const username = parseUsername(
		this,
		this.getNodeParameter('username', itemIndex),
		'Username',
		itemIndex,
	);
	const fields = fieldsQuery(
		this,
		this.getNodeParameter('fields', itemIndex, DEFAULT_PUBLIC_PROFILE_FIELDS),
		PUBLIC_PROFILE_FIELD_NAMES,
		DEFAULT_PUBLIC_PROFILE_FIELDS,
		itemIndex,
		'Fields',
		['username'],
	);
	return await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/profile_lookup',
		qs: { username, fields },
		scope: requiredScopes[0],
		action: `look up the public profile @${username}`,
		itemIndex,
	});
}
