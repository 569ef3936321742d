import { container } from './container/Container.resource';
import { discovery } from './discovery/Discovery.resource';
import { insights } from './insights/Insights.resource';
import { post } from './post/Post.resource';
import { reply } from './reply/Reply.resource';
import type { Resource } from './types';
import { user } from './user/User.resource';

/** Every resource of the node, by value. */
export const resources: Record<string, Resource> = Object.fromEntries(
	[post, reply, container, user, insights, discovery].map((resource) => [resource.key, resource]),
);

/** The Resource selector's options, sorted by name. */
export const resourceOptions = Object.values(resources)
	.map(({ label, key, description }) => ({ name: label, value: key, description }))
	.sort((a, b) => a.name.localeCompare(b.name));
