import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { threadsApiRequest } from '../transport';
import { isThreadsApiError } from '../transport/errors';
import { attempt } from './attempt';

/** `https://www.threads.net/@user/post/SHORTCODE` (also threads.com, with or without www, query or trailing slash). */
const POST_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/@([A-Za-z0-9._]{1,30})\/post\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/i;
/** Short links `https://www.threads.net/t/SHORTCODE` carry no username. */
const SHORT_POST_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/t\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/i;
const PROFILE_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/@([A-Za-z0-9._]{1,30})\/?(?:[?#].*)?$/i;
const USERNAME = /^@?([A-Za-z0-9._]{1,30})$/;
const NUMERIC_ID = /^\d{1,30}$/;

/** Pages read at most when looking a post URL up among a profile's posts (100 posts each). */
export const MAX_LOOKUP_PAGES = 10;

export type PostReference =
	| { kind: 'id'; id: string }
	| { kind: 'url'; url: string; shortcode: string; username?: string };

/** The text of a parameter, whether a plain value or a resource locator (`{ __rl, mode, value }`). */
export function parameterText(value: unknown): string {
	if (value !== null && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return parameterText((value as IDataObject).value);
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

/** The text of a parameter that must be set: an empty one is refused as missing. */
function requiredText(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
	description?: string,
): string {
	const text = parameterText(value);
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${field} is required`, {
			itemIndex,
			description,
		});
	}
	return text;
}

export function isPostUrl(text: string): boolean {
	return POST_URL.test(text) || SHORT_POST_URL.test(text);
}

/** Classifies a post reference without any request: a numeric ID or a Threads post URL. */
export function parsePostReference(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): PostReference {
	const text = requiredText(
		context,
		value,
		field,
		itemIndex,
		'Give the numeric Threads ID or the post URL (https://www.threads.net/@user/post/...)',
	);
	if (NUMERIC_ID.test(text)) return { kind: 'id', id: text };
	const full = POST_URL.exec(text);
	if (full) return { kind: 'url', url: text, username: full[1].toLowerCase(), shortcode: full[2] };
	const short = SHORT_POST_URL.exec(text);
	if (short) return { kind: 'url', url: text, shortcode: short[1] };
	throw new NodeOperationError(
		context.getNode(),
		`${field} must be a numeric Threads ID or a Threads post URL, got "${text.slice(0, 100)}"`,
		{
			itemIndex,
			description:
				'Examples: 18050206876707110, or https://www.threads.net/@username/post/C8H5FiCvj4t',
		},
	);
}

/** A numeric ID (replies, locations): URLs are refused with the reason. */
export function requireNumericId(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = requiredText(context, value, field, itemIndex);
	if (NUMERIC_ID.test(text)) return text;
	throw new NodeOperationError(
		context.getNode(),
		`${field} must be a numeric Threads ID, got "${text.slice(0, 100)}"`,
		{ itemIndex },
	);
}

/** A Threads username from `name`, `@name`, or a profile or post URL. */
export function parseUsername(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = requiredText(context, value, field, itemIndex);
	const match = USERNAME.exec(text) ?? PROFILE_URL.exec(text) ?? POST_URL.exec(text);
	if (!match) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} must be a Threads username (letters, digits, "." and "_", at most 30) or a profile URL, got "${text.slice(0, 100)}"`,
			{ itemIndex },
		);
	}
	return match[1].toLowerCase();
}

/** The username of an operation's Username parameter (`username`), checked. */
export function readUsernameParameter(context: IExecuteFunctions, itemIndex: number): string {
	return parseUsername(
		context,
		context.getNodeParameter('username', itemIndex),
		'Username',
		itemIndex,
	);
}

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
export async function ownUsername(this: IExecuteFunctions, itemIndex: number): Promise<string> {
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
	context: IExecuteFunctions,
	source: LookupSource,
	shortcode: string,
	itemIndex: number,
): Promise<string | undefined> {
	let after: string | undefined;
	for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
		const read = await attempt(
			async () =>
				await threadsApiRequest.call(context, {
					method: 'GET',
					path: source.path,
					qs: { ...source.qs, fields: 'id,shortcode', limit: 100, ...(after ? { after } : {}) },
					scope: source.scope,
					action: 'look up the post of a Threads URL',
					itemIndex,
				}),
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
		const data = Array.isArray(read.value.data) ? (read.value.data as IDataObject[]) : [];
		const hit = data.find((post) => String(post.shortcode ?? '') === shortcode);
		if (hit) return String(hit.id);
		const paging = read.value.paging as { cursors?: { after?: string }; next?: string } | undefined;
		after = paging?.cursors?.after;
		if (!paging?.next || !after || data.length === 0) return undefined;
	}
	return undefined;
}

/**
 * The media ID of a post given as an ID or a URL. A URL's shortcode is not the ID, so it is looked up:
 * among the connected account's posts and replies when the URL is its own, otherwise among the
 * author's public posts (profile_posts, threads_profile_discovery). Results are cached per execution.
 */
export async function resolvePostId(
	this: IExecuteFunctions,
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

/** The media ID of an operation's Post parameter (`postId`), given as an ID or a URL. */
export async function resolvePostParameter(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	return await resolvePostId.call(
		this,
		this.getNodeParameter('postId', itemIndex),
		'Post',
		itemIndex,
	);
}
