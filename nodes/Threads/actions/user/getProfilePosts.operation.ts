import { readUsernameParameter } from '../../parameters/references';
import { POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';
import { usernameField } from '../../descriptions/common';

export const requiredScopes = ['threads_profile_discovery'];

const show = { resource: ['user'], operation: ['getProfilePosts'] };

/** The posts of a public profile, newest first. */
export const { description, execute } = listOperation({
	show,
	list: POST_LIST,
	properties: [usernameField(show)],
	readItem: readUsernameParameter,
	source: (_itemIndex, username) => ({
		path: '/profile_posts',
		qs: { username },
		scope: requiredScopes[0],
		action: `list the posts of @${username}`,
	}),
});
