import { defineResource } from '../resource';
import * as getAccountInsights from './getAccountInsights.operation';
import * as getPostInsights from './getPostInsights.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const insights = defineResource({
	key: 'insights',
	label: 'Insight',
	description: 'Views, likes, replies, reposts, quotes and followers of posts and the account',
	defaultOperation: 'getPostInsights',
	operations: {
		getPostInsights,
		getAccountInsights,
	},
});
