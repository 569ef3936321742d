import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getEmbed from './getEmbed.operation';
import * as getLocation from './getLocation.operation';
import * as getMentions from './getMentions.operation';
import * as searchLocations from './searchLocations.operation';
import * as searchPosts from './searchPosts.operation';

export const operations: Record<string, Operation> = {
	searchPosts,
	getMentions,
	searchLocations,
	getLocation,
	getEmbed,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['discovery'] } },
		options: [
			{
				name: 'Get Embed',
				value: 'getEmbed',
				description: 'Get the oEmbed HTML that shows a public post on a web page',
				action: 'Get the embed HTML of a post',
			},
			{
				name: 'Get Location',
				value: 'getLocation',
				description: 'Get a place by its location ID: name, address, city, country, coordinates',
				action: 'Get a location',
			},
			{
				name: 'Get Mentions',
				value: 'getMentions',
				description:
					'Get many public posts by others that mention the connected account, newest first',
				action: 'Get mentions',
			},
			{
				name: 'Search Locations',
				value: 'searchLocations',
				description: 'Find places to tag posts with, by name or near coordinates',
				action: 'Search locations',
			},
			{
				name: 'Search Posts',
				value: 'searchPosts',
				description:
					'Search public posts by keyword or topic tag, top or recent, optionally by media type, author and dates',
				action: 'Search posts',
			},
		],
		default: 'searchPosts',
	},
	...searchPosts.description,
	...getMentions.description,
	...searchLocations.description,
	...getLocation.description,
	...getEmbed.description,
];
