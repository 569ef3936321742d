import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../transport/pagination';
import { threadsApiRequestAllItems } from '../transport/request';
import { waitToRetry } from '../transport/retry';
import { attempt } from '../shared/attempt';
import { clock } from '../shared/clock';
import type { PostMediaType } from '../posts/postSpec';

/**
 * After a publish whose answer was lost, Threads can say that the container is PUBLISHED but not
 * which post it became. This finds the post among the account's newest ones: same kind, same text,
 * published since the attempt, and not already returned for another item of this execution.
 * Skip If Already Posted Within uses the same look before a post is sent (publishing/earlierPost.ts).
 */

export interface PostHints {
	text?: string;
	mediaType?: PostMediaType;
	isReply?: boolean;
	isGhost?: boolean;
	/** The post it replies to and the post it quotes: a listed post that names another is not it. */
	replyToId?: string;
	quotePostId?: string;
}

export interface LookupOptions {
	/** Pages of the list read at most (default LOOKUP_PAGES). */
	maxPages?: number;
}

export interface FoundPost {
	id: string;
	permalink?: string;
}

/** How the lists name each kind of post. */
export const READ_MEDIA_TYPES: Record<PostMediaType, string> = {
	TEXT: 'TEXT_POST',
	IMAGE: 'IMAGE',
	VIDEO: 'VIDEO',
	CAROUSEL: 'CAROUSEL_ALBUM',
};

/** Tolerated difference between this machine's clock and Meta's. */
const CLOCK_SLACK_MS = 60_000;
const LOOKUP_ATTEMPTS = 3;
/**
 * Pages of the account's posts since the attempt read at most (300 posts, far more than an account
 * publishes in the minutes a lookup covers). When every page is full and none matches, the post
 * is not called absent, so a busy account cannot push it out of sight and have it sent twice.
 */
const LOOKUP_PAGES = 3;
/** Meta's lists may trail a publish by a moment; an absence only counts when a later look agrees. */
const ABSENCE_RECHECK_MS = 5_000;

const claimedPosts = new WeakMap<object, Set<string>>();

function claimed(context: IExecuteFunctions): Set<string> {
	let set = claimedPosts.get(context);
	if (!set) {
		set = new Set();
		claimedPosts.set(context, set);
	}
	return set;
}

/** Records a post this execution produced, so a later lookup never hands it out again. */
export function claimPost(context: IExecuteFunctions, id: string | null | undefined): void {
	if (id) claimed(context).add(id);
}

function edgesFor(hints: PostHints): string[] {
	if (hints.isReply) return ['replies'];
	if (hints.isGhost) return ['ghost_posts'];
	if (hints.mediaType) return ['threads'];
	return ['threads', 'replies'];
}

function sameText(a: unknown, b: string): boolean {
	return typeof a === 'string' && a.trim() === b.trim();
}

/** Whether a listed post may point at `id` through this field: it names `id`, or nothing (unknown). */
function mayPointAt(post: IDataObject, field: string, id: string | undefined): boolean {
	const named = (post[field] as IDataObject | undefined)?.id;
	return id === undefined || named === undefined || String(named) === id;
}

function fieldsFor(hints: PostHints): string {
	const fields = ['id', 'permalink', 'text', 'media_type', 'timestamp'];
	if (hints.replyToId) fields.push('replied_to');
	if (hints.quotePostId) fields.push('quoted_post');
	return fields.join(',');
}

function pick(posts: IDataObject[], hints: PostHints, sinceMs: number, taken: Set<string>) {
	const candidates = posts
		.filter((post) => typeof post.id === 'string' && !taken.has(post.id))
		.filter((post) => Date.parse(String(post.timestamp)) >= sinceMs - CLOCK_SLACK_MS)
		.filter((post) => !hints.mediaType || post.media_type === READ_MEDIA_TYPES[hints.mediaType])
		.filter((post) => hints.text === undefined || sameText(post.text ?? '', hints.text))
		.filter((post) => mayPointAt(post, 'replied_to', hints.replyToId))
		.filter((post) => mayPointAt(post, 'quoted_post', hints.quotePostId));
	if (candidates.length === 0) return undefined;
	if (hints.text === undefined && candidates.length > 1) return 'ambiguous';
	// Lists come newest first: the newest match is the one just published.
	return candidates[0];
}

export type LookupResult =
	| { outcome: 'found'; post: FoundPost }
	| { outcome: 'absent' }
	/** The account's posts could not be read, or several could be the one. */
	| { outcome: 'unknown' };

/** Looks for the post a publish produced. Never throws: a failed read is reported as unknown. */
export async function findPublishedPost(
	this: IExecuteFunctions,
	hints: PostHints,
	sinceMs: number,
	itemIndex: number,
	{ maxPages = LOOKUP_PAGES }: LookupOptions = {},
): Promise<LookupResult> {
	const taken = claimed(this);
	let unreadable = false;
	for (const edge of edgesFor(hints)) {
		let posts: IDataObject[] | undefined;
		for (let round = 0; round < LOOKUP_ATTEMPTS && !posts; round++) {
			if (round > 0 && !(await waitToRetry(this, itemIndex, 1000 * 2 ** round))) break;
			const read = await attempt(
				async () =>
					await threadsApiRequestAllItems.call(
						this,
						{
							method: 'GET',
							path: `/me/${edge}`,
							qs: {
								fields: fieldsFor(hints),
								since: Math.floor((sinceMs - CLOCK_SLACK_MS) / 1000),
							},
							action: 'look up the post that was just published',
							itemIndex,
						},
						{ returnAll: true },
						{ maxPages },
					),
			);
			if (read.ok) posts = read.value;
		}
		if (!posts) {
			unreadable = true;
			continue;
		}
		const found = pick(posts, hints, sinceMs, taken);
		// Every page read and no match: more posts since the attempt than were read, so not absent.
		const readToTheEnd = posts.length < maxPages * MAX_PAGE_SIZE;
		if (found === 'ambiguous' || (!found && !readToTheEnd)) {
			unreadable = true;
			continue;
		}
		if (found) {
			const id = String(found.id);
			taken.add(id);
			const permalink = typeof found.permalink === 'string' ? found.permalink : undefined;
			return { outcome: 'found', post: { id, permalink } };
		}
	}
	return unreadable ? { outcome: 'unknown' } : { outcome: 'absent' };
}

/**
 * Like findPublishedPost, for callers that would send the post again when it is absent: an absence
 * is confirmed by a second look a few seconds later, so a list that lags behind a publish does not
 * cause a double post.
 */
export async function findPublishedPostBeforeResend(
	this: IExecuteFunctions,
	hints: PostHints,
	sinceMs: number,
	itemIndex: number,
): Promise<LookupResult> {
	const first = await findPublishedPost.call(this, hints, sinceMs, itemIndex);
	if (first.outcome !== 'absent') return first;
	await clock.sleep(ABSENCE_RECHECK_MS);
	return await findPublishedPost.call(this, hints, sinceMs, itemIndex);
}
