// Scripted streams for polling triggers: /__sandbox/replies, /mentions and /posts with counts and timestamps.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, HOUR, START, client, jsonOf, startManual } from './helpers.mts';
import { control } from './webhook-helpers.mts';

let sb: Sandbox;
let c: Client;
let post: string;
before(async () => {
	sb = await startManual();
	c = client(sb);
	post = (await c.post('/me/threads', { media_type: 'TEXT', text: 'root', auto_publish_text: true })).body.id;
});
after(() => sb.close());

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((m) => m.id);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

test('/__sandbox/replies keeps its old answer {id}; with count it answers {ids}', async () => {
	const { id } = (await control(sb, 'POST', '/replies', { to: post, text: 'single' })).body;
	assert.match(id, /^\d+$/);
	const many = await control(sb, 'POST', '/replies', { to: post, count: 3, text: 'reply {n}', username: 'small_account' });
	assert.equal(many.body.ids.length, 3);
	const listed = await c.get(`/${post}/replies`, { fields: 'id,text,username', reverse: false });
	assert.deepEqual(listed.body.data, [
		{ id, text: 'single', username: 'public_creator' },
		...many.body.ids.map((reply: string, i: number) => ({ id: reply, text: `reply ${i + 1}`, username: 'small_account' })),
	]);
});

test('replies take a timestamp (epoch ms or ISO) and a step; lists stay newest first', async () => {
	const target = (await control(sb, 'POST', '/posts', {})).body.ids[0];
	const older = (await control(sb, 'POST', '/replies', { to: target, timestamp: START - 2 * HOUR, count: 2, stepMs: 60_000 })).body.ids;
	const newer = (await control(sb, 'POST', '/replies', { to: target, timestamp: new Date(START - HOUR).toISOString(), count: 1 })).body.ids;
	const res = await c.get(`/${target}/replies`, { fields: 'id,timestamp' });
	assert.deepEqual(res.body.data, [
		{ id: newer[0], timestamp: iso(START - HOUR) },
		{ id: older[1], timestamp: iso(START - 2 * HOUR + 60_000) },
		{ id: older[0], timestamp: iso(START - 2 * HOUR) },
	]);
	const bad = await control(sb, 'POST', '/replies', { to: target, timestamp: 'yesterday-ish' });
	assert.equal(bad.status, 400);
	assert.match(bad.body.error, /timestamp/);
	assert.equal((await control(sb, 'POST', '/replies', { to: target, count: 0 })).status, 400);
	assert.equal((await control(sb, 'POST', '/replies', { to: 'nope' })).status, 400);
});

test('pending: true puts a reply in pending_replies only', async () => {
	const { ids: [pending] } = (await control(sb, 'POST', '/replies', { to: post, text: 'approve me', pending: true, count: 1 })).body;
	assert.ok(!ids(await c.get(`/${post}/replies`)).includes(pending));
	assert.deepEqual(ids(await c.get(`/${post}/pending_replies`)), [pending]);
	assert.deepEqual((await c.post(`/${pending}/manage_pending_reply`, { approve: true })).body, { success: true });
	assert.ok(ids(await c.get(`/${post}/replies`)).includes(pending));
});

test('/__sandbox/mentions: posts of another account mentioning sandbox_user, in /me/mentions', async () => {
	const { ids: made } = (await control(sb, 'POST', '/mentions', { text: 'Great thread, {n}', count: 2, username: 'small_account' })).body;
	const res = await c.get('/me/mentions', { fields: 'id,text,username', limit: 2 });
	assert.deepEqual(res.body.data, [
		{ id: made[1], text: '@sandbox_user Great thread, 2', username: 'small_account' },
		{ id: made[0], text: '@sandbox_user Great thread, 1', username: 'small_account' },
	]);
	const own = (await control(sb, 'POST', '/mentions', { text: 'hi @sandbox_user' })).body.ids[0];
	assert.equal((await c.get(`/${own}`, { fields: 'text,username' })).body.text, 'hi @sandbox_user', 'a text that mentions is kept');
	assert.equal((await control(sb, 'POST', '/mentions', { username: 'sandbox_user' })).status, 400);
	assert.equal((await control(sb, 'POST', '/mentions', { username: 'nobody' })).status, 400);
});

test('250 mentions with one timestamp page newest first in a stable order, with no loss or repeat', async () => {
	const burst = (await control(sb, 'POST', '/mentions', { count: 250, timestamp: START + HOUR })).body.ids;
	assert.equal(burst.length, 250);
	const seen: string[] = [];
	let page = await c.get('/me/mentions', { limit: 100, since: Math.floor((START + HOUR) / 1000) });
	seen.push(...ids(page));
	while (page.body.paging?.next) {
		page = { ...page, body: await fetch(page.body.paging.next).then(jsonOf) };
		seen.push(...ids(page));
	}
	assert.deepEqual(seen, [...burst].reverse(), 'equal timestamps: the later injected comes first, every time');
	const again = await c.get('/me/mentions', { limit: 100, since: Math.floor((START + HOUR) / 1000) });
	assert.deepEqual(ids(again), seen.slice(0, 100));
});

test('/__sandbox/posts: published posts of the user without containers, in /me/threads, not in the quota', async () => {
	const before = (await c.get('/me/threads_publishing_limit')).body.data[0].quota_usage;
	const made = (await control(sb, 'POST', '/posts', { text: 'scheduled {n}', count: 3, timestamp: START + 2 * HOUR, stepMs: 1000 })).body.ids;
	const res = await c.get('/me/threads', { fields: 'id,text,timestamp', limit: 3 });
	assert.deepEqual(res.body.data, [2, 1, 0].map((i) => ({ id: made[i], text: `scheduled ${i + 1}`, timestamp: iso(START + 2 * HOUR + i * 1000) })));
	assert.equal((await c.get('/me/threads_publishing_limit')).body.data[0].quota_usage, before);
	const other = (await control(sb, 'POST', '/posts', { userId: '17841400000000002', text: 'by the creator', timestamp: START + 5 * HOUR })).body.ids[0];
	const profile = await c.get('/profile_posts', { username: 'public_creator', fields: 'id', limit: 1 });
	assert.deepEqual(ids(profile), [other]);
	assert.equal((await control(sb, 'POST', '/posts', { userId: '1' })).status, 400);
});

test('keyword_search finds injected posts and mentions by text; RECENT is newest first', async () => {
	const first = (await control(sb, 'POST', '/posts', { text: 'zebra crossing', timestamp: START + 3 * HOUR })).body.ids[0];
	const second = (await control(sb, 'POST', '/mentions', { text: 'zebra stripes', timestamp: START + 4 * HOUR })).body.ids[0];
	const third = (await control(sb, 'POST', '/posts', { text: 'another zebra', timestamp: START + 4 * HOUR })).body.ids[0];
	const recent = await c.get('/keyword_search', { q: 'zebra', search_type: 'RECENT' });
	assert.deepEqual(ids(recent), [third, second, first]);
	const top = await c.get('/keyword_search', { q: 'zebra' });
	assert.deepEqual(new Set(ids(top)), new Set([first, second, third]));
});

test('the programmatic forms return the same ids', async () => {
	assert.equal(sb.inject.posts({ count: 2 }).length, 2);
	assert.equal(sb.inject.mentions().length, 1);
	assert.equal(sb.inject.replies({ to: post, count: 4 }).length, 4);
	assert.match(sb.simulateReply({ to: post }), /^\d+$/);
});
