import { NodeOperationError } from 'n8n-workflow';

import { attempt } from '../../Threads/shared/attempt';
import { mapWithConcurrency } from '../../Threads/shared/concurrency';
import { NUMERIC_ID, parameterText } from '../../Threads/shared/ids';
import { isThreadsApiError } from '../../Threads/transport/errors';
import { resolvePostId } from '../../Threads/reading/postLookup';
import { advance, start } from './advance';
import { type PollEvent, type PollRun, pollSource } from './pollSource';
import { sourceReader } from './reader';
import { ownPosts, underPost } from './sources';
import { itemId, timestampSeconds } from './watermark';

/**
 * Replies and pending replies live under posts, and Threads has no list of every reply to an
 * account. So the trigger watches posts: one picked post, or the account's N most recent ones,
 * learning of new posts from the account's post list (one more request per poll). A new post's
 * replies are all new; a post that drops out of the N newest, or is deleted, stops being watched.
 */

/** Lists read at once. */
const CONCURRENCY = 4;

function isNotFound(error: unknown): boolean {
	return isThreadsApiError(error) && error.threadsFailure.kind === 'notFound';
}

/** The picked post's ID: a URL is looked up once and remembered in the state. */
async function pickedPostId(run: PollRun): Promise<string> {
	const text = parameterText(run.config.post);
	if (NUMERIC_ID.test(text)) return text;
	const known = run.previous.post;
	const id =
		known && known.ref === text
			? known.id
			: await resolvePostId.call(run.context, run.config.post, 'Post', 0);
	run.next.post = { ref: text, id };
	return id;
}

/** The replies (or pending replies) of the one picked post. */
export async function pollPickedPost(run: PollRun): Promise<PollEvent[]> {
	const postId = await pickedPostId(run);
	const polled = await attempt(
		async () => await pollSource(run, underPost(run.config.event, postId, run.config.replyDepth)),
	);
	if (polled.ok) return polled.value;
	if (!isNotFound(polled.error)) throw polled.error;
	throw new NodeOperationError(
		run.context.getNode(),
		`The post this trigger watches (${postId}) was not found: it may have been deleted`,
		{ description: "Pick another post in the trigger's Post field, or watch My Recent Posts." },
	);
}

/** The replies (or pending replies) of the account's N most recent posts. */
export async function pollRecentPosts(run: PollRun): Promise<PollEvent[]> {
	const { config, previous, next } = run;
	const list = ownPosts(config.event);
	const read = sourceReader(run.context, list, 'id,timestamp');
	const known = previous.sources[list.key];
	const startAt = new Map<string, number>();
	let watched: string[];
	if (!known || previous.watched?.count !== config.postCount) {
		const first = await start(read, config.postCount, config.maxPages);
		next.sources[list.key] = first.watermark;
		watched = first.recent.map(itemId);
	} else {
		const result = await advance(known, read, config.maxPages);
		next.sources[list.key] = result.watermark;
		const fresh = [...result.fresh].sort(
			(a, b) => (timestampSeconds(b) ?? 0) - (timestampSeconds(a) ?? 0),
		);
		for (const post of fresh) startAt.set(itemId(post), timestampSeconds(post) ?? 0);
		watched = [...new Set([...fresh.map(itemId), ...(previous.watched?.ids ?? [])])].slice(
			0,
			config.postCount,
		);
	}

	const results = await mapWithConcurrency(watched, CONCURRENCY, async (postId) => {
		const source = underPost(config.event, postId, config.replyDepth);
		const polled = await attempt(
			async () => await pollSource(run, source, { startAt: startAt.get(postId) }),
		);
		if (polled.ok) return polled.value;
		// A deleted post: stop watching it; the others go on.
		if (isNotFound(polled.error)) return undefined;
		throw polled.error;
	});
	next.watched = {
		count: config.postCount,
		ids: watched.filter((_, index) => results[index] !== undefined),
	};
	return results.flatMap((events) => events ?? []);
}
