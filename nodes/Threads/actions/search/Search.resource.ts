import { defineResource } from '../resource';
import * as searchPosts from './searchPosts.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const search = defineResource({
	key: 'search',
	label: 'Keyword Search',
	description: 'Search public Threads posts by keyword or topic tag, most popular or most recent',
	defaultOperation: 'searchPosts',
	operations: {
		searchPosts,
	},
});
