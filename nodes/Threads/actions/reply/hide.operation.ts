import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MANAGE_SCOPE, manageReply, replyLocator } from './manage';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Hide',
	description: 'Hide a reply in a conversation started by the connected account',
	action: 'Hide a reply',
};

export const requiredScopes = [MANAGE_SCOPE];

export const description: INodeProperties[] = [
	...replyLocator(
		'hide',
		'The reply to hide (from the list of replies under the Post, by Threads URL or by ID). It must be a reply in a conversation started by the connected account.',
	),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const { replyId, success } = await manageReply(this, itemIndex, {
		edge: 'manage_reply',
		parameter: 'hide',
		value: true,
		verb: 'hide',
	});
	return { success, id: replyId, hidden: true };
}
