import { defineResource } from '../resource';
import * as getLocation from '../location/getLocation.operation';
import * as searchLocations from '../location/searchLocations.operation';
import * as getMentions from '../mention/getMentions.operation';
import * as getEmbed from '../post/getEmbed.operation';
import * as searchPosts from '../search/searchPosts.operation';
import { named } from './named';

/** Version 1's Discovery resource, kept as it was so workflows saved with it load unchanged. */
export const discovery = defineResource({
	key: 'discovery',
	label: 'Discovery',
	description: 'Search public posts by keyword or tag, mentions, locations and embeds',
	defaultOperation: 'searchPosts',
	operations: {
		searchPosts,
		getMentions: named(getMentions, 'Get Mentions', 'Get mentions'),
		searchLocations: named(searchLocations, 'Search Locations', 'Search locations'),
		getLocation: named(getLocation, 'Get Location', 'Get a location'),
		getEmbed,
	},
});
