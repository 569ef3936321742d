import * as container from './container/Container.resource';
import * as post from './post/Post.resource';
import type { Resource } from './types';
import * as user from './user/User.resource';

export const resources = { post, container, user } satisfies Record<string, Resource>;

export const resourceOptions = [
	{
		name: 'Container',
		value: 'container',
		description: 'Media containers: create, check processing, publish',
	},
	{ name: 'Post', value: 'post', description: 'Publish in one step, and read or manage posts' },
	{
		name: 'User',
		value: 'user',
		description: 'Profiles, publishing limits and the connected token',
	},
];
