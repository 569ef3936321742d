import * as container from './container/Container.resource';
import * as discovery from './discovery/Discovery.resource';
import * as insights from './insights/Insights.resource';
import * as post from './post/Post.resource';
import * as reply from './reply/Reply.resource';
import type { Resource } from './types';
import * as user from './user/User.resource';

export const resources = {
	post,
	reply,
	container,
	user,
	insights,
	discovery,
} satisfies Record<string, Resource>;

export const resourceOptions = [
	{
		name: 'Container',
		value: 'container',
		description: 'Media containers: create, check processing, publish',
	},
	{
		name: 'Discovery',
		value: 'discovery',
		description: 'Search public posts by keyword or tag, mentions, locations and embeds',
	},
	{
		name: 'Insight',
		value: 'insights',
		description: 'Views, likes, replies, reposts, quotes and followers of posts and the account',
	},
	{
		name: 'Post',
		value: 'post',
		description:
			"Publish, read, delete and repost posts; the account's own threads and ghost posts",
	},
	{
		name: 'Reply',
		value: 'reply',
		description: 'Read replies and conversations, reply, hide and approve replies',
	},
	{
		name: 'User',
		value: 'user',
		description:
			'Profiles, public profiles and their posts, publishing limits and the connected token',
	},
];
