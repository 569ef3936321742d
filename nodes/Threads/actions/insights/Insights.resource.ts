import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getAccountInsights from './getAccountInsights.operation';
import * as getPostInsights from './getPostInsights.operation';

export const operations: Record<string, Operation> = { getPostInsights, getAccountInsights };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['insights'] } },
		options: [
			{
				name: 'Get Account Insights',
				value: 'getAccountInsights',
				description:
					"Get the connected account's views, likes, replies, reposts, quotes, link clicks, follower count and follower demographics over a period",
				action: 'Get account insights',
			},
			{
				name: 'Get Post Insights',
				value: 'getPostInsights',
				description:
					'Get the views, likes, replies, reposts, quotes and shares of one post of the connected account',
				action: 'Get post insights',
			},
		],
		default: 'getPostInsights',
	},
	...getPostInsights.description,
	...getAccountInsights.description,
];
