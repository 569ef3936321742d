// Publishing quotas over a moving 24 h window and GET threads_publishing_limit.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, DAY, HOUR, client, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
});
beforeEach(() => {
	sb.reset();
	c = client(sb);
});
after(() => sb.close());

const LIMIT_FIELDS =
	'quota_usage,config,reply_quota_usage,reply_config,delete_quota_usage,delete_config,location_search_quota_usage,location_search_config';

async function postMany(n: number, extra: Record<string, string> = {}) {
	const ids: string[] = [];
	for (let i = 0; i < n; i++) {
		const res = await c.post('/me/threads', { media_type: 'TEXT', text: `post ${i}`, auto_publish_text: true, ...extra });
		assert.equal(res.status, 200, JSON.stringify(res.body));
		ids.push(res.body.id);
	}
	return ids;
}

test('threads_publishing_limit reports every quota with live usage', async () => {
	await postMany(2);
	const res = await c.get('/me/threads_publishing_limit', { fields: LIMIT_FIELDS });
	assert.equal(res.status, 200);
	assert.deepEqual(res.body, {
		data: [
			{
				quota_usage: 2,
				config: { quota_total: 250, quota_duration: 86400 },
				reply_quota_usage: 0,
				reply_config: { quota_total: 1000, quota_duration: 86400 },
				delete_quota_usage: 0,
				delete_config: { quota_total: 100, quota_duration: 86400 },
				location_search_quota_usage: 0,
				location_search_config: { quota_total: 500, quota_duration: 86400 },
			},
		],
	});
});

test('the 251st post in 24 h fails with 9 / 2207042; the window moves', async () => {
	await postMany(250);
	const res = await c.post('/me/threads', { media_type: 'TEXT', text: 'one too many', auto_publish_text: true });
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 9);
	assert.equal(res.body.error.error_subcode, 2207042);
	assert.equal(res.body.error.message, 'You have reached the maximum number of posts allowed in 24 hours');
	// a reply still goes through: replies have their own quota
	const reply = await c.post('/me/threads', { media_type: 'TEXT', text: 'reply', reply_to_id: sb.published()[0].id, auto_publish_text: true });
	assert.equal(reply.status, 200);
	sb.clock.advance(DAY);
	assert.equal((await postMany(1)).length, 1);
});

test('a carousel counts once and replies count against the reply quota', async () => {
	const item = () => c.post('/me/threads', { media_type: 'IMAGE', image_url: 'https://cdn.example.com/a.jpg', is_carousel_item: true });
	const a = (await item()).body.id;
	const b = (await item()).body.id;
	sb.clock.advance(HOUR);
	const carousel = (await c.post('/me/threads', { media_type: 'CAROUSEL', children: `${a},${b}` })).body.id;
	sb.clock.advance(HOUR);
	const parent = (await c.post('/me/threads_publish', { creation_id: carousel })).body.id;
	await postMany(2, { reply_to_id: parent });
	const res = await c.get('/me/threads_publishing_limit', { fields: 'quota_usage,reply_quota_usage' });
	assert.deepEqual(res.body.data[0], { quota_usage: 1, reply_quota_usage: 2 });
});

test('deletes count against the delete quota', async () => {
	const [id] = await postMany(1);
	assert.equal((await c.del(`/${id}`)).status, 200);
	const res = await c.get('/me/threads_publishing_limit', { fields: 'delete_quota_usage' });
	assert.equal(res.body.data[0].delete_quota_usage, 1);
});

test('the quotas can be lowered through the control API (for burst tests), refused when not whole numbers, and reset', async () => {
	const configure = async (body: unknown) =>
		await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const set = await configure({ quotas: { posts: 3 } });
	assert.equal(set.status, 200);
	assert.deepEqual(((await set.json()) as { quotas: unknown }).quotas, { posts: 3, replies: 1000 });
	await postMany(3);
	const limit = await c.get('/me/threads_publishing_limit', { fields: 'quota_usage,config' });
	assert.deepEqual(limit.body.data[0], { quota_usage: 3, config: { quota_total: 3, quota_duration: 86400 } });
	const refused = await c.post('/me/threads', { media_type: 'TEXT', text: 'one too many', auto_publish_text: true });
	assert.equal(refused.status, 400);
	assert.equal(refused.body.error.code, 9);
	for (const bad of [{ posts: -1 }, { posts: 2.5 }, { likes: 3 }]) {
		const res = await configure({ quotas: bad });
		assert.equal(res.status, 400);
		assert.match(((await res.json()) as { error: string }).error, /^quotas\.\w+ must be posts or replies, a whole number of 0 or more/);
	}
	sb.reset();
	const reset = await fetch(`${sb.url}/__sandbox/config`);
	assert.deepEqual(((await reset.json()) as { quotas: unknown }).quotas, { posts: 250, replies: 1000 });
});
