// Media insights (lifetime values) and user insights (time series, totals, clicks, demographics).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, START, client, publishPost, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
let post: string;
before(async () => {
	sb = await startManual();
	c = client(sb);
	post = await publishPost(sb, c, { media_type: 'TEXT', text: 'measured', link_attachment: 'https://example.com/a' });
	sb.simulateReply({ to: post });
});
after(() => sb.close());

test('media insights answer lifetime values for the asked metrics', async () => {
	const res = await c.get(`/${post}/insights`, { metric: 'views,likes,replies,reposts,quotes,shares' });
	assert.equal(res.status, 200);
	assert.deepEqual(res.body.data.map((m: { name: string }) => m.name), ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares']);
	const replies = res.body.data[2];
	assert.equal(replies.period, 'lifetime');
	assert.deepEqual(replies.values, [{ value: 1 }]);
	assert.equal(replies.id, `${post}/insights/thread_replies/lifetime`);
	assert.equal((await c.get(`/${post}/insights`, { metric: 'followers' })).body.error.code, 100);
	assert.equal((await c.get(`/${post}/insights`)).body.error.code, 100);
});

test('insights need threads_manage_insights', async () => {
	const basic = client(sb, sb.issueToken({ scopes: ['threads_basic'] }));
	assert.equal((await basic.get(`/${post}/insights`, { metric: 'views' })).status, 403);
	assert.equal((await basic.get('/me/threads_insights', { metric: 'views' })).status, 403);
});

test('user insights: views is a daily series, others totals, clicks per link', async () => {
	const since = Math.floor(START / 1000) - 86400;
	const until = Math.floor(START / 1000) + 86400;
	const res = await c.get('/me/threads_insights', { metric: 'views,likes,clicks,followers_count', since, until });
	assert.equal(res.status, 200, JSON.stringify(res.body));
	const [views, likes, clicks, followers] = res.body.data;
	assert.ok(views.values.length >= 2);
	assert.ok(views.values.every((v: { value: number; end_time: string }) => typeof v.value === 'number' && v.end_time.endsWith('+0000')));
	assert.equal(typeof likes.total_value.value, 'number');
	assert.deepEqual(clicks.link_total_values.map((l: { link_url: string }) => l.link_url), ['https://example.com/a']);
	assert.equal(followers.total_value.value, 240);
});

test('user insights: since must be >= 1712991600', async () => {
	const res = await c.get('/me/threads_insights', { metric: 'views', since: 1712991599 });
	assert.equal(res.body.error.code, 100);
});

test('follower_demographics needs exactly one breakdown and at least 100 followers', async () => {
	const res = await c.get('/me/threads_insights', { metric: 'follower_demographics', breakdown: 'country' });
	assert.equal(res.status, 200);
	const breakdown = res.body.data[0].total_value.breakdowns[0];
	assert.deepEqual(breakdown.dimension_keys, ['country']);
	assert.equal(breakdown.results.reduce((sum: number, r: { value: number }) => sum + r.value, 0), 240);
	assert.equal((await c.get('/me/threads_insights', { metric: 'follower_demographics' })).body.error.code, 100);
	assert.equal((await c.get('/me/threads_insights', { metric: 'follower_demographics', breakdown: 'country,age' })).body.error.code, 100);
	const small = client(sb, sb.issueToken({ userId: '17841400000000003' }));
	const refused = await small.get('/me/threads_insights', { metric: 'follower_demographics', breakdown: 'age' });
	assert.equal(refused.body.error.code, 100);
	assert.match(refused.body.error.message, /100 followers/);
});
