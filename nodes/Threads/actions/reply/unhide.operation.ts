import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MANAGE_SCOPE, manageReply, replyLocator } from './manage';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Unhide',
	description: 'Show again a reply hidden earlier',
	action: 'Unhide a reply',
};

export const requiredScopes = [MANAGE_SCOPE];

export const description: INodeProperties[] = [
	...replyLocator(
		'unhide',
		'The reply to unhide (from the list of replies under the Post, by Threads URL or by ID). It must be a reply in a conversation started by the connected account.',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { replyId, success } = await manageReply(this, itemIndex, {
		edge: 'manage_reply',
		parameter: 'hide',
		value: false,
		verb: 'unhide',
	});
	return { success, id: replyId, hidden: false };
}
