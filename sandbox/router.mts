import { authorize, exchangeCode, exchangeToken, refreshToken } from './auth.mts';
import type { Ctx, Reply } from './context.mts';
import * as more from './discovery.mts';
import { OAuthEndpointError } from './errors.mts';
import { createContainer, getContainer, publish } from './publishing.mts';
import {
	getGhostPosts,
	getMe,
	getMedia,
	getMentions,
	getPublishingLimit,
	getThreads,
	getUserReplies,
	unsupported,
} from './reads.mts';

export interface Route {
	operation: string;
	/** A Promise when the answer waits on I/O (an image download at container creation). */
	handle: (ctx: Ctx) => Reply | Promise<Reply>;
}

const route = (operation: string, handle: Route['handle']): Route => ({ operation, handle });
const UNKNOWN = route('unknown', unsupported);

/**
 * Maps a request to an operation name (used by faults and the log) without side effects.
 * Graph calls are accepted with the /v1.0 prefix or without it (Meta defaults to the latest version).
 */
export function resolveRoute(ctx: Ctx): Route {
	const { method, segments } = ctx;
	const path = segments.join('/');
	if (path === 'oauth/authorize') return method === 'GET' ? route('authorize', authorize) : UNKNOWN;
	if (path === 'oauth/access_token') {
		return route('exchangeCode', (c) => {
			if (c.method !== 'POST') throw new OAuthEndpointError(400, 100, 'Unsupported method: use POST');
			return exchangeCode(c);
		});
	}
	if (path === 'access_token' && method === 'GET') return route('exchangeToken', exchangeToken);
	if (path === 'refresh_access_token' && method === 'GET') return route('refreshToken', refreshToken);

	const { state } = ctx.env;
	const [first, edge, extra] = segments;
	if (first === undefined || extra !== undefined) return UNKNOWN;
	const isUser = first === 'me' || state.users.has(first);
	const isMedia = state.media.has(first);

	if (edge === undefined) {
		if (method === 'GET') {
			switch (first) {
				case 'oembed':
					return route('oembed', more.oembed);
				case 'keyword_search':
					return route('keywordSearch', more.keywordSearch);
				case 'profile_lookup':
					return route('profileLookup', more.profileLookup);
				case 'profile_posts':
					return route('profilePosts', more.profilePosts);
				case 'location_search':
					return route('locationSearch', more.locationSearch);
			}
			if (isUser) return route('getMe', (c) => getMe(c, first));
			const container = state.containers.get(first);
			if (container) return route('containerStatus', (c) => getContainer(c, container));
			if (isMedia) return route('getMedia', (c) => getMedia(c, more.liveOrThrow(c, first)));
			const location = state.locations.get(first);
			if (location) return route('getLocation', (c) => more.getLocation(c, location));
			return route('getObject', more.unknownObject);
		}
		if (method === 'DELETE') return route('deleteMedia', (c) => more.deleteMedia(c, first));
		return UNKNOWN;
	}

	if (isUser) {
		const key = `${method} ${edge}`;
		switch (key) {
			case 'GET threads':
				return route('getThreads', (c) => getThreads(c, first));
			case 'POST threads':
				return route('createContainer', (c) => createContainer(c, first));
			case 'POST threads_publish':
				return route('publish', (c) => publish(c, first));
			case 'GET threads_publishing_limit':
				return route('publishingLimit', (c) => getPublishingLimit(c, first));
			case 'GET replies':
				return route('getUserReplies', (c) => getUserReplies(c, first));
			case 'GET ghost_posts':
				return route('getGhostPosts', (c) => getGhostPosts(c, first));
			case 'GET mentions':
				return route('getMentions', (c) => getMentions(c, first));
			case 'GET threads_insights':
				return route('getUserInsights', (c) => more.getUserInsights(c, first));
		}
		return UNKNOWN;
	}

	const key = `${method} ${edge}`;
	switch (key) {
		case 'GET replies':
			return route('getMediaReplies', (c) => more.getMediaReplies(c, first));
		case 'GET conversation':
			return route('getConversation', (c) => more.getConversation(c, first));
		case 'POST manage_reply':
			return route('manageReply', (c) => more.manageReply(c, first));
		case 'GET pending_replies':
			return route('getPendingReplies', (c) => more.getPendingReplies(c, first));
		case 'POST manage_pending_reply':
			return route('managePendingReply', (c) => more.managePendingReply(c, first));
		case 'GET insights':
			return route('getMediaInsights', (c) => more.getMediaInsights(c, first));
		case 'POST repost':
			return route('repost', (c) => more.repost(c, first));
	}
	return UNKNOWN;
}
