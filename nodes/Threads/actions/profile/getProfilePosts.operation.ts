import { readUsernameParameter } from '../../parameters/references';
import { POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';
import { usernameFields } from '../../descriptions/username';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Public Profile Posts',
	description:
		'Get many posts of a public profile (at least 100 followers) by username, newest first',
	action: 'Get public profile posts',
};

export const requiredScopes = ['threads_profile_discovery'];

const show = { resource: ['profile'], operation: ['getProfilePosts'] };

/** The posts of a public profile, newest first. */
export const { description, execute, isList } = listOperation({
	show,
	list: POST_LIST,
	properties: usernameFields(show),
	readItem: readUsernameParameter,
	source: (_itemIndex, username) => ({
		path: '/profile_posts',
		qs: { username },
		scope: requiredScopes[0],
		action: `list the posts of @${username}`,
	}),
});
