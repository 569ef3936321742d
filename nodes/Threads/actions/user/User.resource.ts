import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getAuthorizationUrl from './getAuthorizationUrl.operation';
import * as getTokenInfo from './getTokenInfo.operation';

export const operations: Record<string, Operation> = { getTokenInfo, getAuthorizationUrl };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Authorization URL',
				value: 'getAuthorizationUrl',
				description: 'Build the URL that asks the Threads user to authorize the app',
				action: 'Get the authorization URL',
			},
			{
				name: 'Get Token Info',
				value: 'getTokenInfo',
				description: 'Who the credential is connected to and when its token expires or refreshes',
				action: 'Get token info',
			},
		],
		default: 'getTokenInfo',
	},
	...getAuthorizationUrl.description,
	...getTokenInfo.description,
];
