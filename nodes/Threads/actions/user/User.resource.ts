import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as getAuthorizationUrl from './getAuthorizationUrl.operation';
import * as getMe from './getMe.operation';
import * as getProfilePosts from './getProfilePosts.operation';
import * as getPublishingLimit from './getPublishingLimit.operation';
import * as getTokenInfo from './getTokenInfo.operation';
import * as lookUpProfile from './lookUpProfile.operation';

export const operations: Record<string, Operation> = {
	getMe,
	lookUpProfile,
	getProfilePosts,
	getPublishingLimit,
	getTokenInfo,
	getAuthorizationUrl,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get Authorization URL',
				value: 'getAuthorizationUrl',
				description: 'Build the URL that asks the Threads user to authorize the app',
				action: 'Get the authorization URL',
			},
			{
				name: 'Get My Profile',
				value: 'getMe',
				description:
					'Get the connected account: ID, username, name, biography, picture, verification',
				action: 'Get my profile',
			},
			{
				name: 'Get Public Profile Posts',
				value: 'getProfilePosts',
				description:
					'Get many posts of a public profile (at least 100 followers) by username, newest first',
				action: 'Get public profile posts',
			},
			{
				name: 'Get Publishing Limit',
				value: 'getPublishingLimit',
				description:
					'How many posts, replies, deletes and location searches the account has used and has left in the moving 24-hour window',
				action: 'Get the publishing limit',
			},
			{
				name: 'Get Token Info',
				value: 'getTokenInfo',
				description: 'Who the credential is connected to and when its token expires or refreshes',
				action: 'Get token info',
			},
			{
				name: 'Look Up Public Profile',
				value: 'lookUpProfile',
				description:
					'Get a public profile by username: name, biography, followers, verification and recent engagement',
				action: 'Look up a public profile',
			},
		],
		default: 'getTokenInfo',
	},
	...getMe.description,
	...lookUpProfile.description,
	...getProfilePosts.description,
	...getPublishingLimit.description,
	...getAuthorizationUrl.description,
	...getTokenInfo.description,
];
