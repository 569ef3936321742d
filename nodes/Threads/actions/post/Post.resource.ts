import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getGhostPosts from './getGhostPosts.operation';
import * as publish from './publish.operation';
import * as repost from './repost.operation';

export const operations: Record<string, Operation> = {
	publish,
	getAll,
	get,
	delete: del,
	repost,
	getGhostPosts,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Delete a post or reply of the connected account (needs threads_delete; 100 per 24 hours)',
				action: 'Delete a post',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one post or reply by ID or Threads URL, with the chosen fields',
				action: 'Get a post',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"Get many of the connected account's own posts, newest first, optionally between two dates",
				action: 'Get many posts',
			},
			{
				name: 'Get Many Ghost Posts',
				value: 'getGhostPosts',
				description:
					"Get many of the connected account's ghost posts (posts visible for 24 hours), newest first",
				action: 'Get many ghost posts',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Create, wait for and publish a post in one step',
				action: 'Publish a post',
			},
			{
				name: 'Repost',
				value: 'repost',
				description: 'Repost a post (by ID or Threads URL) on the connected account',
				action: 'Repost a post',
			},
		],
		default: 'publish',
	},
	...publish.description,
	...getAll.description,
	...get.description,
	...del.description,
	...repost.description,
	...getGhostPosts.description,
];
