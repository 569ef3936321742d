import { defineResource } from '../resource';
import * as getMe from './getMe.operation';
import * as getProfilePosts from './getProfilePosts.operation';
import * as getPublishingLimit from './getPublishingLimit.operation';
import * as lookUpProfile from './lookUpProfile.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const profile = defineResource({
	key: 'profile',
	label: 'Profile',
	description:
		'Your profile and publishing limit, public profiles by username and their recent posts',
	defaultOperation: 'getMe',
	operations: {
		getMe,
		lookUpProfile,
		getProfilePosts,
		getPublishingLimit,
	},
});
