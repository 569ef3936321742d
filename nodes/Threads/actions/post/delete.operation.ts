import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { resolvePostParameter } from '../../parameters/references';
import { postLocator } from '../../descriptions/common';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Delete',
	description:
		'Delete a post or reply of the connected account (needs threads_delete; 100 per 24 hours)',
	action: 'Delete a post',
};

export const requiredScopes = ['threads_delete'];

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description:
			'The post or reply of the connected account to delete, from the list, by Threads URL or by ID. Deleting cannot be undone; at most 100 deletes per 24 hours.',
		show: { resource: ['post'], operation: ['delete'] },
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const postId = await resolvePostParameter.call(this, itemIndex);
	const response = await threadsApiRequest.call(this, {
		method: 'DELETE',
		path: `/${postId}`,
		// A repeated delete of a deleted post fails harmlessly; never resent blindly all the same.
		retrySafe: false,
		scope: requiredScopes[0],
		action: `delete post ${postId}`,
		itemIndex,
	});
	const deletedId = String(response.deleted_id ?? postId);
	// Version 2 answers like n8n's own nodes; version 1 keeps Meta's shape for the workflows built on it.
	if (this.getNode().typeVersion >= 2) return { deleted: response.success === true, id: deletedId };
	return { success: response.success === true, deleted_id: deletedId };
}
