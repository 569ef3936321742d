// Lists page with limit, before/after cursors and paging.next (a full URL carrying access_token, like Meta).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, HOUR, START, client, jsonOf, request, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
const ids: string[] = [];
before(async () => {
	sb = await startManual();
	c = client(sb);
	for (let i = 0; i < 7; i++) {
		const res = await c.post('/me/threads', { media_type: 'TEXT', text: `post ${i}`, auto_publish_text: true });
		ids.unshift(res.body.id); // newest first
		sb.clock.advance(HOUR);
	}
});
after(() => sb.close());

test('default page, then next until the last page which has no next', async () => {
	const first = await c.get('/me/threads', { fields: 'id,text', limit: 3 });
	assert.deepEqual(first.body.data.map((p: { id: string }) => p.id), ids.slice(0, 3));
	assert.ok(first.body.paging.cursors.before);
	assert.ok(first.body.paging.cursors.after);
	const next = new URL(first.body.paging.next);
	assert.equal(next.origin, sb.url);
	assert.equal(next.pathname, '/v1.0/me/threads');
	assert.equal(next.searchParams.get('access_token'), c.token);
	assert.equal(next.searchParams.get('limit'), '3');
	assert.equal(next.searchParams.get('after'), first.body.paging.cursors.after);

	const second = await fetch(next).then(jsonOf);
	assert.deepEqual(second.data.map((p: { id: string }) => p.id), ids.slice(3, 6));
	const third = await fetch(second.paging.next).then(jsonOf);
	assert.deepEqual(third.data.map((p: { id: string }) => p.id), ids.slice(6));
	assert.equal(third.paging.next, undefined);
});

test('next carries access_token even when the request used a Bearer header', async () => {
	const bearer = client(sb, c.token, 'bearer');
	const res = await bearer.get('/me/threads', { limit: 2 });
	assert.equal(new URL(res.body.paging.next).searchParams.get('access_token'), c.token);
});

test('the before cursor pages backwards', async () => {
	const second = await c.get('/me/threads', { limit: 3, after: (await c.get('/me/threads', { limit: 3 })).body.paging.cursors.after });
	const back = await c.get('/me/threads', { limit: 3, before: second.body.paging.cursors.before });
	assert.deepEqual(back.body.data.map((p: { id: string }) => p.id), ids.slice(0, 3));
});

test('default limit is 25, max 100; above is code 100', async () => {
	const all = await c.get('/me/threads');
	assert.equal(all.body.data.length, 7);
	assert.deepEqual(Object.keys(all.body.data[0]), ['id']);
	const bad = await c.get('/me/threads', { limit: 101 });
	assert.equal(bad.status, 400);
	assert.equal(bad.body.error.code, 100);
	assert.match(bad.body.error.message, /limit/);
});

test('since/until filter by unix seconds or dates; since must be >= 1688540400', async () => {
	const since = Math.floor((START + 2 * HOUR) / 1000);
	const until = Math.floor((START + 4 * HOUR) / 1000);
	const res = await c.get('/me/threads', { since, until });
	assert.deepEqual(res.body.data.map((p: { id: string }) => p.id), ids.slice(2, 5));
	const iso = await c.get('/me/threads', { since: new Date(START + 2 * HOUR).toISOString(), until: String(until) });
	assert.equal(iso.body.data.length, 3);
	const early = await c.get('/me/threads', { since: 1688540399 });
	assert.equal(early.status, 400);
	assert.equal(early.body.error.code, 100);
	assert.match(early.body.error.message, /since/);
});

test('an empty result is {data: []}', async () => {
	const res = await request(sb, 'GET', '/v1.0/me/threads', { since: 1688540400, until: 1688540500 }, c.token);
	assert.deepEqual(res.body, { data: [] });
});
