import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PROFILE_FIELDS,
	PROFILE_FIELD_NAMES,
	PROFILE_FIELD_OPTIONS,
	fieldsQuery,
} from '../../reading/fields';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';
import { fieldsChoice } from '../../descriptions/fieldsChoice';
import { readFieldsChoice } from '../../parameters/fieldsChoice';

export const option: OperationOption = {
	name: 'Get My Profile',
	description: 'Get the connected account: ID, username, name, biography, picture, verification',
	action: 'Get my profile',
};

export const requiredScopes = ['threads_basic'];

export const description: INodeProperties[] = [
	...fieldsChoice({
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: PROFILE_FIELD_OPTIONS,
		default: [...DEFAULT_PROFILE_FIELDS],
		description: 'Which profile fields to return. The ID is always included.',
		displayOptions: { show: { resource: ['profile'], operation: ['getMe'] } },
	}),
];

/** pythreads `account()`: the connected account's profile. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = fieldsQuery(
		this,
		readFieldsChoice(this, itemIndex, DEFAULT_PROFILE_FIELDS),
		PROFILE_FIELD_NAMES,
		DEFAULT_PROFILE_FIELDS,
		itemIndex,
	);
	return await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/me',
		qs: { fields },
		scope: requiredScopes[0],
		action: 'read the connected profile',
		itemIndex,
	});
}
