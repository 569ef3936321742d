import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_REPLY_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import { resolvePostId } from '../../helpers/ids';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';
import { postLocator } from '../../helpers/properties';

export const requiredScopes = ['threads_read_replies'];

const show = { resource: ['reply'], operation: ['getAll'] };
const list: ListConfig = {
	noun: 'reply',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_REPLY_FIELDS,
	order: true,
};

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description:
			'The post (or reply) whose direct replies to list, by ID or Threads URL. Replies to those replies are not included: use Get Conversation for every depth.',
		show,
	}),
	...listProperties(show, list),
];

/** pythreads `replies(id)`: the top-level replies of a post. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const parameters = readListParameters(this, itemIndex, list);
	const postId = await resolvePostId.call(
		this,
		this.getNodeParameter('postId', itemIndex),
		'Post',
		itemIndex,
	);
	return await fetchPostList(
		this,
		{
			path: `/${postId}/replies`,
			scope: requiredScopes[0],
			action: `list the replies to post ${postId}`,
			itemIndex,
		},
		parameters,
	);
}
