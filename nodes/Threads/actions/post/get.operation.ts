import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_SINGLE_POST_FIELDS,
	MEDIA_FIELD_NAMES,
	MEDIA_FIELD_OPTIONS,
	fieldsQuery,
} from '../../reading/fields';
import { resolvePostParameter } from '../../parameters/references';
import { postLocator, simplifyField } from '../../descriptions/common';
import { simplifyPost } from '../../reading/simplify';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';
import { fieldsChoice } from '../../descriptions/fieldsChoice';
import { readFieldsChoice } from '../../parameters/fieldsChoice';

export const option: OperationOption = {
	name: 'Get',
	description: 'Get one post or reply by ID or Threads URL, with the chosen fields',
	action: 'Get a post',
};

export const requiredScopes = ['threads_basic'];

const show = { resource: ['post'], operation: ['get'] };

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description: 'The post (or reply) to read, from the list, by Threads URL or by ID',
		show,
	}),
	simplifyField(show),
	...fieldsChoice({
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: MEDIA_FIELD_OPTIONS,
		default: [...DEFAULT_SINGLE_POST_FIELDS],
		description: 'Which fields of the post to return. The ID is always included.',
		displayOptions: { show },
	}),
];

/** pythreads `thread(id)`: one post with the chosen fields. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = fieldsQuery(
		this,
		readFieldsChoice(this, itemIndex, DEFAULT_SINGLE_POST_FIELDS),
		MEDIA_FIELD_NAMES,
		DEFAULT_SINGLE_POST_FIELDS,
		itemIndex,
	);
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	const postId = await resolvePostParameter.call(this, itemIndex);
	const post = await threadsApiRequest.call(this, {
		method: 'GET',
		path: `/${postId}`,
		qs: { fields },
		scope: requiredScopes[0],
		action: `read post ${postId}`,
		itemIndex,
	});
	return simple ? simplifyPost(post) : post;
}
