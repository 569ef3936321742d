import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as publish from './publish.operation';

export const operations: Record<string, Operation> = { publish };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Publish',
				value: 'publish',
				description: 'Create, wait for and publish a post in one step',
				action: 'Publish a post',
			},
		],
		default: 'publish',
	},
	...publish.description,
];
