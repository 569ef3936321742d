import { defineResource } from '../resource';
import * as getAuthorizationUrl from './getAuthorizationUrl.operation';
import * as getMe from './getMe.operation';
import * as getProfilePosts from './getProfilePosts.operation';
import * as getPublishingLimit from './getPublishingLimit.operation';
import * as getTokenInfo from './getTokenInfo.operation';
import * as lookUpProfile from './lookUpProfile.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const user = defineResource({
	key: 'user',
	label: 'User',
	description:
		'Profiles, public profiles and their posts, publishing limits and the connected token',
	defaultOperation: 'getTokenInfo',
	operations: {
		getMe,
		lookUpProfile,
		getProfilePosts,
		getPublishingLimit,
		getTokenInfo,
		getAuthorizationUrl,
	},
});
