import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create.operation';
import * as createCarousel from './createCarousel.operation';
import * as getStatus from './getStatus.operation';
import * as publish from './publish.operation';

export const operations: Record<string, Operation> = { create, createCarousel, getStatus, publish };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['container'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a text, image or video container (or a carousel item) to publish later',
				action: 'Create a container',
			},
			{
				name: 'Create Carousel',
				value: 'createCarousel',
				description:
					'Combine 2 to 20 image and video item containers into a carousel container, once they are processed',
				action: 'Create a carousel container',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Whether a container is still processing, ready, published, failed or expired',
				action: 'Get container status',
			},
			{
				name: 'Publish',
				value: 'publish',
				description: 'Publish a container once it is ready, exactly once',
				action: 'Publish a container',
			},
		],
		default: 'create',
	},
	...create.description,
	...createCarousel.description,
	...getStatus.description,
	...publish.description,
];
