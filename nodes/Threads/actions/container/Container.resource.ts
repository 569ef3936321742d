import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getStatus from './getStatus.operation';

export const operations: Record<string, Operation> = { getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['container'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Whether a container is still processing, ready, published, failed or expired',
				action: 'Get container status',
			},
		],
		default: 'getStatus',
	},
	...getStatus.description,
];
