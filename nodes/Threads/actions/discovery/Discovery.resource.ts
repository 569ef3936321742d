import { defineResource } from '../resource';
import * as getEmbed from './getEmbed.operation';
import * as getLocation from './getLocation.operation';
import * as getMentions from './getMentions.operation';
import * as searchLocations from './searchLocations.operation';
import * as searchPosts from './searchPosts.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const discovery = defineResource({
	key: 'discovery',
	label: 'Discovery',
	description: 'Search public posts by keyword or tag, mentions, locations and embeds',
	defaultOperation: 'searchPosts',
	operations: {
		searchPosts,
		getMentions,
		searchLocations,
		getLocation,
		getEmbed,
	},
});
