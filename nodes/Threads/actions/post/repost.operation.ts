import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolvePostParameter } from '../../parameters/references';
import { postLocator } from '../../descriptions/common';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Repost',
	description: 'Repost a post (by ID or Threads URL) on the connected account',
	action: 'Repost a post',
};

export const requiredScopes = ['threads_content_publish'];

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description:
			'The post to repost on the connected account, from the list, by Threads URL or by ID',
		show: { resource: ['post'], operation: ['repost'] },
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const postId = await resolvePostParameter.call(this, itemIndex);
	const response = await threadsApiRequest.call(this, {
		method: 'POST',
		path: `/${postId}/repost`,
		retrySafe: false,
		scope: requiredScopes[0],
		action: `repost post ${postId}`,
		itemIndex,
	});
	return { id: String(response.id), reposted_post_id: postId };
}
