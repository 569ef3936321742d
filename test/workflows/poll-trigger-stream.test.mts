// Threads Poll Trigger through n8n's engine over a scripted stream, for each kind of event: every
// event emitted exactly once across bursts of 250, equal timestamps, deletions and restarts, and a
// quiet poll costs one request per watched list.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';

import { type Rig, startRig } from '../helpers/fixtures.mts';
import { type StreamKind, deleteAs, playStream } from '../helpers/poll-stream.mts';

const ME = '17841400000000001';
const CREATOR = '17841400000000002';

let rig: Rig;
beforeEach(async () => {
	rig = await startRig();
});
afterEach(async () => await rig?.close());

async function check(kind: StreamKind, label: string): Promise<number> {
	const outcome = await playStream(rig, kind, label);
	console.log(outcome.line);
	assert.ok(outcome.polls >= 20, `${outcome.polls} polls`);
	assert.ok(outcome.expected > 750, `${outcome.expected} events in the stream`);
	assert.equal(outcome.duplicates, 0);
	assert.equal(outcome.missed, 0);
	assert.equal(outcome.unexpected, 0, 'nothing old, deleted before it was seen, or not watched');
	assert.ok(outcome.ordered, "each poll's items come oldest first");
	assert.ok(outcome.quietRequests.length >= 4, `${outcome.quietRequests.length} quiet polls measured`);
	assert.deepEqual(new Set(outcome.quietRequests), new Set([kind.quietRequests]), 'a quiet poll costs one request per watched list');
	return outcome.capped;
}

test('New Mention (Max Pages per List 2, so bursts over minutes take two polls)', async () => {
	const capped = await check(
		{
			parameters: { event: 'mention', options: { maxPages: 2 } },
			quietRequests: 1,
			inject: ({ sandbox }, count, timestamp, stepMs) => sandbox.inject.mentions({ count, timestamp, stepMs }),
			noise: ({ sandbox }, timestamp) => sandbox.inject.posts({ userId: CREATOR, text: 'no mention in this one', timestamp }),
			remove: async ({ sandbox }, id) => await deleteAs(sandbox, CREATOR, id),
		},
		'mentions',
	);
	assert.ok(capped > 0, 'some polls hit the page cap and left the rest to the next poll');
});

test('New Post', async () => {
	await check(
		{
			parameters: { event: 'post' },
			quietRequests: 1,
			inject: ({ sandbox }, count, timestamp, stepMs) => sandbox.inject.posts({ count, timestamp, stepMs }),
			noise: ({ sandbox }, timestamp) => sandbox.inject.posts({ userId: CREATOR, text: 'not mine', timestamp }),
			remove: async ({ sandbox }, id) => await deleteAs(sandbox, ME, id),
		},
		'posts',
	);
});

test('New Search Result (keyword, most recent)', async () => {
	await check(
		{
			parameters: { event: 'searchResult', query: 'pollstream', searchMode: 'KEYWORD' },
			quietRequests: 1,
			inject: ({ sandbox }, count, timestamp, stepMs) =>
				sandbox.inject.posts({ userId: CREATOR, text: 'pollstream {n}', count, timestamp, stepMs }),
			noise: ({ sandbox }, timestamp) => sandbox.inject.posts({ userId: CREATOR, text: 'another topic', count: 3, timestamp }),
			remove: async ({ sandbox }, id) => await deleteAs(sandbox, CREATOR, id),
		},
		'search results',
	);
});

test('New Reply to my 3 recent posts (whole conversation; a new post joins, own replies skipped)', async () => {
	let watched: string[] = [];
	let lastReply: string | undefined;
	await check(
		{
			parameters: { event: 'reply', watch: 'recentPosts', postCount: 3, replyDepth: 'conversation' },
			quietRequests: 4,
			async setup({ sandbox }) {
				const timestamp = sandbox.clock.now() - 10 * 60_000;
				watched = sandbox.inject.posts({ text: 'watched {n}', count: 4, timestamp, stepMs: 1000 }).slice(1).reverse();
			},
			inject({ sandbox }, count, timestamp, stepMs) {
				if (count > 7) return sandbox.inject.replies({ to: watched[1], username: 'public_creator', count, timestamp, stepMs });
				const ids: string[] = [];
				for (let index = 0; index < count; index++) {
					// Top-level replies to each watched post in turn, and replies to the last reply.
					const to = index % 4 === 3 && lastReply ? lastReply : watched[index % watched.length];
					const [id] = sandbox.inject.replies({ to, username: 'public_creator', count: 1, timestamp: timestamp + index * (stepMs ?? 0) });
					ids.push(id);
					lastReply = id;
				}
				return ids;
			},
			noise: ({ sandbox }, timestamp) => sandbox.inject.replies({ to: watched[0], username: 'sandbox_user', count: 2, timestamp }),
			remove: async ({ sandbox }, id) => await deleteAs(sandbox, CREATOR, id),
			midStream({ sandbox }, timestamp) {
				const [post] = sandbox.inject.posts({ text: 'a new post', timestamp });
				watched = [post, ...watched].slice(0, 3);
				lastReply = undefined;
				return sandbox.inject.replies({ to: post, username: 'public_creator', count: 2, timestamp });
			},
		},
		'replies',
	);
});

test('New Pending Reply on one post picked by URL', async () => {
	let post = '';
	await check(
		{
			parameters: {},
			quietRequests: 1,
			async setup(current) {
				[post] = current.sandbox.inject.posts({ text: 'replies need approval here' });
				const url = `${current.sandbox.url}/v1.0/${post}?fields=permalink&access_token=${current.sandbox.issueToken()}`;
				const { permalink } = (await (await fetch(url)).json()) as { permalink: string };
				Object.assign(this.parameters, {
					event: 'pendingReply',
					watch: 'onePost',
					postId: { __rl: true, mode: 'url', value: permalink },
				});
			},
			inject: ({ sandbox }, count, timestamp, stepMs) =>
				sandbox.inject.replies({ to: post, pending: true, username: 'public_creator', count, timestamp, stepMs }),
			noise: ({ sandbox }, timestamp) => sandbox.inject.replies({ to: post, username: 'public_creator', count: 2, timestamp }),
			remove: async ({ sandbox }, id) => await deleteAs(sandbox, CREATOR, id),
		},
		'pending replies',
	);
});
