import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { parsePostReference } from '../shared/ids';
import { isThreadsApiError } from '../transport/errors';
import {
	type ThreadsContext,
	threadsApiRequest,
	threadsApiRequestAllItems,
} from '../transport/request';

/** Pages read at most when looking a post URL up among a profile's posts (100 posts each). */
export const MAX_LOOKUP_PAGES = 10;

const resolved = new WeakMap<object, Map<string, string>>();
const ownUsernames = new WeakMap<object, Promise<string>>();

function cacheFor(context: object): Map<string, string> {
	let cache = resolved.get(context);
	if (!cache) {
		cache = new Map();
		resolved.set(context, cache);
	}
	return cache;
}

/** The connected account's username, read once per execution. */
export async function ownUsername(this: ThreadsContext, itemIndex: number): Promise<string> {
	let pending = ownUsernames.get(this);
	if (!pending) {
		pending = threadsApiRequest
			.call(this, {
				method: 'GET',
				path: '/me',
				qs: { fields: 'id,username' },
				scope: 'threads_basic',
				action: 'read the connected profile',
				itemIndex,
			})
			.then((me) => String(me.username ?? '').toLowerCase());
		ownUsernames.set(this, pending);
	}
	const outcome = await attempt(async () => await (pending as Promise<string>));
	if (!outcome.ok) {
		ownUsernames.delete(this);
		throw outcome.error;
	}
	return outcome.value;
}

interface LookupSource {
	path: string;
	qs?: IDataObject;
	scope: string;
	/** A missing permission skips this source instead of failing (another source may still find the post). */
	optional?: boolean;
}

/** Walks a list page by page (ids and shortcodes only) until the shortcode shows up. */
async function findInList(
	context: ThreadsContext,
	source: LookupSource,
	shortcode: string,
	itemIndex: number,
): Promise<string | undefined> {
	const isHit = (post: IDataObject) => String(post.shortcode ?? '') === shortcode;
	const read = await attempt(
		async () =>
			await threadsApiRequestAllItems.call(
				context,
				{
					method: 'GET',
					path: source.path,
					qs: { ...source.qs, fields: 'id,shortcode' },
					scope: source.scope,
					action: 'look up the post of a Threads URL',
					itemIndex,
				},
				{ returnAll: true },
				{ maxPages: MAX_LOOKUP_PAGES, stopWhen: (data) => data.some(isHit) },
			),
	);
	if (!read.ok) {
		const error = read.error;
		if (
			source.optional &&
			isThreadsApiError(error) &&
			error.threadsFailure.kind === 'missingPermission'
		) {
			return undefined;
		}
		throw error;
	}
	const hit = read.value.find(isHit);
	return hit ? String(hit.id) : undefined;
}

/**
 * The media ID of a post given as an ID or a URL. A URL's shortcode is not the ID, so it is looked up:
 * among the connected account's posts and replies when the URL is its own, otherwise among the
 * author's public posts (profile_posts, threads_profile_discovery). Results are cached per execution.
 */
export async function resolvePostId(
	this: ThreadsContext,
	value: unknown,
	field: string,
	itemIndex: number,
): Promise<string> {
	const reference = parsePostReference(this, value, field, itemIndex);
	if (reference.kind === 'id') return reference.id;
	const cache = cacheFor(this);
	const known = cache.get(reference.shortcode);
	if (known) return known;

	const me = await ownUsername.call(this, itemIndex);
	const own = reference.username === undefined || reference.username === me;
	const sources: LookupSource[] = own
		? [
				{ path: '/me/threads', scope: 'threads_basic' },
				{ path: '/me/replies', scope: 'threads_read_replies', optional: true },
				{ path: '/me/ghost_posts', scope: 'threads_basic', optional: true },
			]
		: [
				{
					path: '/profile_posts',
					qs: { username: reference.username },
					scope: 'threads_profile_discovery',
				},
			];
	for (const source of sources) {
		const id = await findInList(this, source, reference.shortcode, itemIndex);
		if (id) {
			cache.set(reference.shortcode, id);
			return id;
		}
	}
	const where = own
		? `the last ${MAX_LOOKUP_PAGES * 100} posts and replies of the connected account (@${me})`
		: `the last ${MAX_LOOKUP_PAGES * 100} public posts of @${reference.username}`;
	throw new NodeOperationError(
		this.getNode(),
		`${field}: no post with the URL ${reference.url} was found in ${where}`,
		{
			itemIndex,
			description:
				"A post URL's shortcode is not its ID, so the node looks the URL up. Use the numeric post ID instead (from Post > Get Many, Search > Search Posts, or the output of Publish).",
		},
	);
}
