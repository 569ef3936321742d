import * as getAuthorizationUrl from '../authorization/getAuthorizationUrl.operation';
import * as getTokenInfo from '../authorization/getTokenInfo.operation';
import * as getMe from '../profile/getMe.operation';
import * as getProfilePosts from '../profile/getProfilePosts.operation';
import * as getPublishingLimit from '../profile/getPublishingLimit.operation';
import * as lookUpProfile from '../profile/lookUpProfile.operation';
import { defineResource } from '../resource';

/** Version 1's User resource, kept as it was so workflows saved with it load unchanged. */
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
