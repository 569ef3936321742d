import { authorization } from './authorization/Authorization.resource';
import { container } from './container/Container.resource';
import { insights } from './insights/Insights.resource';
import type { Layout } from './layout';
import { location } from './location/Location.resource';
import { mention } from './mention/Mention.resource';
import { post } from './post/Post.resource';
import { profile } from './profile/Profile.resource';
import { reply } from './reply/Reply.resource';
import { search } from './search/Search.resource';
import type { ResourceDefinition } from './types';
import { discovery } from './version1/Discovery.resource';
import { post as postVersion1 } from './version1/Post.resource';
import { user } from './version1/User.resource';

/** Version 2 on: resources named as Threads names them, the credential's own operations apart. */
export const latestLayout: Layout = {
	versions: [{ _cnd: { gte: 2 } }],
	resources: [post, reply, container, profile, insights, search, mention, location, authorization],
};

/** Version 1: Discovery and User, as workflows saved with it know them. */
export const version1Layout: Layout = {
	versions: [1],
	resources: [postVersion1, reply, container, user, insights, discovery],
};

export const layouts = [latestLayout, version1Layout];

function byKey(layout: Layout): Record<string, ResourceDefinition> {
	return Object.fromEntries(layout.resources.map((resource) => [resource.key, resource]));
}

/** The latest version's resources, by value. */
export const resources = byKey(latestLayout);

/** Version 1's resources, by value. */
export const version1Resources = byKey(version1Layout);
