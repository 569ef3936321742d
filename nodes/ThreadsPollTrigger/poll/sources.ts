import type { IDataObject } from 'n8n-workflow';

import { scopeNames } from '../../Threads/transport/operationScopes';

/**
 * The Threads lists the trigger watches. Each is newest first and has its own watermark, kept under
 * its key: changing what the trigger watches starts new lists and forgets the old ones.
 */

/** What the trigger emits, one value per event kind (the `event` parameter and each item's `source`). */
export type EventKind = 'post' | 'reply' | 'mention' | 'pendingReply' | 'searchResult';

export interface Source {
	/** Where its watermark is kept in the node's static data. */
	key: string;
	event: EventKind;
	path: string;
	qs: IDataObject;
	/** The permission it needs, named when the token lacks it. */
	scope: string;
	/** What reading it does, for error messages. */
	action: string;
	/** For the lists under one post: that post. */
	postId?: string;
}

/** The connected account's own posts (not its replies). */
export function ownPosts(event: EventKind = 'post'): Source {
	return {
		key: event === 'post' ? 'posts' : 'watchedPosts',
		event,
		path: '/me/threads',
		qs: {},
		scope: 'threads_basic',
		action: "list the connected account's posts",
	};
}

export function mentions(): Source {
	return {
		key: 'mentions',
		event: 'mention',
		path: '/me/mentions',
		qs: {},
		scope: 'threads_manage_mentions',
		action: 'list the mentions of the connected account',
	};
}

export type SearchMode = 'KEYWORD' | 'TAG';

/** Public posts matching a keyword or topic tag, most recent first (search_type=RECENT). */
export function searchResults(query: string, mode: SearchMode): Source {
	return {
		key: `search:${mode}:${query.toLowerCase()}`,
		event: 'searchResult',
		path: '/keyword_search',
		qs: { q: query, search_type: 'RECENT', search_mode: mode },
		scope: 'threads_keyword_search',
		action: `search posts for "${query}"`,
	};
}

export type ReplyDepth = 'topLevel' | 'conversation';

/** The replies under one post: its top-level replies, or the whole conversation (all depths). */
export function repliesTo(postId: string, depth: ReplyDepth): Source {
	const edge = depth === 'conversation' ? 'conversation' : 'replies';
	return {
		key: `${edge}:${postId}`,
		event: 'reply',
		path: `/${postId}/${edge}`,
		qs: { reverse: true },
		scope: 'threads_read_replies',
		action: `list the replies of post ${postId}`,
		postId,
	};
}

/** Replies waiting for approval on one post of the account (posts published with reply approvals). */
export function pendingRepliesTo(postId: string): Source {
	return {
		key: `pending:${postId}`,
		event: 'pendingReply',
		path: `/${postId}/pending_replies`,
		qs: { approval_status: 'pending', reverse: true },
		scope: scopeNames(['threads_read_replies', 'threads_manage_replies']),
		action: `list the pending replies of post ${postId}`,
		postId,
	};
}

/** The list under one post that an event watches. */
export function underPost(event: EventKind, postId: string, depth: ReplyDepth): Source {
	return event === 'pendingReply' ? pendingRepliesTo(postId) : repliesTo(postId, depth);
}
