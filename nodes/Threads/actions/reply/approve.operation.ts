import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MANAGE_SCOPE, manageReply, replyLocator } from './manage';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Approve Pending Reply',
	description:
		'Approve a reply waiting for approval on a post of the connected account, so it shows publicly',
	action: 'Approve a pending reply',
};

export const requiredScopes = [MANAGE_SCOPE];

export const description: INodeProperties[] = [
	...replyLocator(
		'approve',
		'The pending (or ignored) reply to approve (from the list of replies under the Post, by Threads URL or by ID); it then shows up publicly under the post',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { replyId, success } = await manageReply(this, itemIndex, {
		edge: 'manage_pending_reply',
		parameter: 'approve',
		value: true,
		verb: 'approve',
	});
	return { success, id: replyId, approval_status: 'approved' };
}
