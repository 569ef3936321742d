import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as approve from './approve.operation';
import * as create from './create.operation';
import * as getAll from './getAll.operation';
import * as getConversation from './getConversation.operation';
import * as getMine from './getMine.operation';
import * as getPending from './getPending.operation';
import * as hide from './hide.operation';
import * as ignore from './ignore.operation';
import * as unhide from './unhide.operation';

export const operations: Record<string, Operation> = {
	create,
	getAll,
	getConversation,
	getMine,
	hide,
	unhide,
	getPending,
	approve,
	ignore,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reply'] } },
		options: [
			{
				name: 'Approve Pending Reply',
				value: 'approve',
				description:
					'Approve a reply waiting for approval on a post of the connected account, so it shows publicly',
				action: 'Approve a pending reply',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Reply to a post or reply in one step: create, wait for processing and publish (needs threads_content_publish and threads_manage_replies)',
				action: 'Reply to a post',
			},
			{
				name: 'Get Conversation',
				value: 'getConversation',
				description:
					'Get every reply under a post at all depths, as one flat list (replied_to tells the parent)',
				action: 'Get the conversation of a post',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many direct (top-level) replies to a post or reply',
				action: 'Get many replies',
			},
			{
				name: 'Get My Replies',
				value: 'getMine',
				description: 'Get many replies written by the connected account, newest first',
				action: 'Get my replies',
			},
			{
				name: 'Get Pending Replies',
				value: 'getPending',
				description:
					'Get many replies waiting for approval (or ignored) on a post of the connected account that has reply approvals on',
				action: 'Get pending replies',
			},
			{
				name: 'Hide',
				value: 'hide',
				description: 'Hide a reply in a conversation started by the connected account',
				action: 'Hide a reply',
			},
			{
				name: 'Ignore Pending Reply',
				value: 'ignore',
				description: 'Ignore (do not approve) a reply waiting for approval',
				action: 'Ignore a pending reply',
			},
			{
				name: 'Unhide',
				value: 'unhide',
				description: 'Show again a reply hidden earlier',
				action: 'Unhide a reply',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...getAll.description,
	...getConversation.description,
	...getMine.description,
	...hide.description,
	...unhide.description,
	...getPending.description,
	...approve.description,
	...ignore.description,
];
