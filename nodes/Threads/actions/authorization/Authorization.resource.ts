import { defineResource } from '../resource';
import * as getAuthorizationUrl from './getAuthorizationUrl.operation';
import * as getTokenInfo from './getTokenInfo.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const authorization = defineResource({
	key: 'authorization',
	label: 'Authorization',
	description:
		"The credential's connection to Threads: the URL that starts an authorization, and what the stored token can do and when it expires",
	defaultOperation: 'getTokenInfo',
	operations: {
		getTokenInfo,
		getAuthorizationUrl,
	},
});
