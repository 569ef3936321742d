import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { ListConfig } from '../reading/listKinds';
import { simplifyField } from './common';

/** Return All, Limit, Simplify and an Options collection (Fields, Since, Until, Order, cursors) for a list. */
export function listProperties(
	show: IDisplayOptions['show'],
	config: ListConfig,
): INodeProperties[] {
	const base: INodeProperties[] = [
		{
			displayName: 'After Cursor',
			name: 'after',
			type: 'string',
			default: '',
			description:
				'Start after this paging cursor (paging.cursors.after of an earlier Threads API response). Leave empty to start with the newest.',
		},
		{
			displayName: 'Before Cursor',
			name: 'before',
			type: 'string',
			default: '',
			description:
				'Return the results before this paging cursor (paging.cursors.before of an earlier Threads API response), walking backwards',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: config.fieldOptions,
			default: [...config.defaultFields],
			description: `Which fields of each ${config.noun} to return. The ID is always included.`,
		},
	];
	const options: INodeProperties[] = [
		...base,
		...(config.order
			? [
					{
						displayName: 'Order',
						name: 'order',
						type: 'options',
						options: [
							{
								name: 'Newest First',
								value: 'newest',
								description: 'Reverse chronological order (Threads default)',
							},
							{ name: 'Oldest First', value: 'oldest', description: 'Chronological order' },
						],
						default: 'newest',
						description: `Order of the ${config.noun === 'reply' ? 'replies' : `${config.noun}s`}`,
					} satisfies INodeProperties,
				]
			: []),
		...(config.timeRange
			? [
					{
						displayName: 'Since',
						name: 'since',
						type: 'dateTime',
						default: '',
						description: `Only ${config.noun === 'reply' ? 'replies' : `${config.noun}s`} published at or after this time (not before 2023-07-05)`,
					} satisfies INodeProperties,
					{
						displayName: 'Until',
						name: 'until',
						type: 'dateTime',
						default: '',
						description: `Only ${config.noun === 'reply' ? 'replies' : `${config.noun}s`} published at or before this time`,
					} satisfies INodeProperties,
				]
			: []),
		...(config.extraOptions ?? []),
	].sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
		simplifyField(show),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options,
		},
	];
}
