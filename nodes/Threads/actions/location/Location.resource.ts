import { defineResource } from '../resource';
import * as getLocation from './getLocation.operation';
import * as searchLocations from './searchLocations.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const location = defineResource({
	key: 'location',
	label: 'Location',
	description: 'Places to tag in a post: search by name or coordinates, or get one by ID',
	defaultOperation: 'searchLocations',
	operations: {
		searchLocations,
		getLocation,
	},
});
