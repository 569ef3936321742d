import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PUBLIC_PROFILE_FIELDS,
	PUBLIC_PROFILE_FIELD_NAMES,
	PUBLIC_PROFILE_FIELD_OPTIONS,
	fieldsQuery,
} from '../../reading/fields';
import { readUsernameParameter } from '../../parameters/references';
import { usernameFields } from '../../descriptions/username';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';
import { fieldsChoice } from '../../descriptions/fieldsChoice';
import { readFieldsChoice } from '../../parameters/fieldsChoice';

export const option: OperationOption = {
	name: 'Look Up Public Profile',
	description:
		'Get a public profile by username: name, biography, followers, verification and recent engagement',
	action: 'Look up a public profile',
};

export const requiredScopes = ['threads_profile_discovery'];

const show = { resource: ['profile'], operation: ['lookUpProfile'] };

export const description: INodeProperties[] = [
	...usernameFields(show),
	...fieldsChoice({
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: PUBLIC_PROFILE_FIELD_OPTIONS,
		default: [...DEFAULT_PUBLIC_PROFILE_FIELDS],
		description: 'Which profile fields to return',
		displayOptions: { show },
	}),
];

/** A public profile (followers, verification, recent engagement counts). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const username = readUsernameParameter(this, itemIndex);
	const fields = fieldsQuery(
		this,
		readFieldsChoice(this, itemIndex, DEFAULT_PUBLIC_PROFILE_FIELDS),
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
