import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MANAGE_SCOPE, manageReply, replyLocator } from './manage';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Ignore Pending Reply',
	description: 'Ignore (do not approve) a reply waiting for approval',
	action: 'Ignore a pending reply',
};

export const requiredScopes = [MANAGE_SCOPE];

export const description: INodeProperties[] = [
	...replyLocator(
		'ignore',
		'The pending reply to ignore, not approve (from the list of replies under the Post, by Threads URL or by ID); it stays hidden and moves to the ignored list',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { replyId, success } = await manageReply(this, itemIndex, {
		edge: 'manage_pending_reply',
		parameter: 'approve',
		value: false,
		verb: 'ignore',
	});
	return { success, id: replyId, approval_status: 'ignored' };
}
