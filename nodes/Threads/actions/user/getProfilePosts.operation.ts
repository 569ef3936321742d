import { readUsernameParameter } from '../../helpers/ids';
import { POST_LIST } from '../../helpers/lists';
import { listOperation } from '../../helpers/listOperation';
import { usernameField } from '../../helpers/properties';

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
