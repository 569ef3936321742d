// Insight > Get Account Insights: period metrics in one request, follower demographics in their own (with the breakdown).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DAY, type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
	rig.sandbox.clock.advance(3 * DAY);
	await rig.post('one', {}, 1000);
	await rig.post('two', { link_attachment: 'https://example.com/a' }, 1000);
});
after(async () => await rig.close());

test('default metrics, simplified to one flat object; views summed with the daily values kept', async () => {
	const { output, error, requests } = await rig.run({ resource: 'insights', operation: 'getAccountInsights' });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	const [flat] = output;
	assert.deepEqual(Object.keys(flat).sort(), ['clicks', 'clicks_by_link', 'followers_count', 'likes', 'quotes', 'replies', 'reposts', 'views', 'views_by_day'].sort());
	assert.equal(flat.followers_count, 240);
	assert.equal(flat.clicks, 3);
	assert.deepEqual(flat.clicks_by_link, [{ link_url: 'https://example.com/a', value: 3 }]);
	const byDay = flat.views_by_day as Array<{ value: number; end_time: string }>;
	assert.ok(byDay.length >= 2);
	assert.equal(flat.views, byDay.reduce((sum, day) => sum + day.value, 0));
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, '/v1.0/me/threads_insights');
	assert.equal(requests[0].query.metric, 'views,likes,replies,reposts,quotes,clicks,followers_count');
	assert.equal(requests[0].query.breakdown, undefined);
});

test('Since and Until are sent as unix seconds', async () => {
	const until = new Date(rig.sandbox.clock.now()).toISOString();
	const since = new Date(rig.sandbox.clock.now() - 5 * DAY).toISOString();
	const { output, error, requests } = await rig.run({ resource: 'insights', operation: 'getAccountInsights', metrics: ['views'], since, until });
	assert.equal(error, undefined, error?.message);
	assert.equal(requests[0].query.since, String(Math.floor(Date.parse(since) / 1000)));
	assert.equal(requests[0].query.until, String(Math.floor(Date.parse(until) / 1000)));
	// One value per day touched by the period (5 days that do not start at midnight: 6 days).
	assert.equal((output[0].views_by_day as unknown[]).length, 6);
	const seconds = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	assert.equal(output[0].since, seconds(since));
	assert.equal(output[0].until, seconds(until));
});

test('follower demographics by country: a request of its own with the breakdown, a flat country map', async () => {
	const { output, error, requests } = await rig.run({
		resource: 'insights',
		operation: 'getAccountInsights',
		metrics: ['followers_count', 'follower_demographics'],
		breakdown: 'country',
	});
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ followers_count: 240, follower_demographics: { US: 60, FR: 60, DE: 60, BR: 60 }, breakdown: 'country' }]);
	assert.equal(requests.length, 2);
	assert.deepEqual(requests.map((r) => [r.query.metric, r.query.breakdown]), [
		['followers_count', undefined],
		['follower_demographics', 'country'],
	]);
});

test('raw: Meta entries, one item each', async () => {
	const { output } = await rig.run({
		resource: 'insights',
		operation: 'getAccountInsights',
		metrics: ['followers_count', 'follower_demographics'],
		breakdown: 'age',
		simple: false,
	});
	assert.deepEqual(output.map((m) => m.name), ['followers_count', 'follower_demographics']);
	assert.deepEqual(output[0].total_value, { value: 240 });
	assert.ok((output[1].total_value as { breakdowns: unknown[] }).breakdowns.length === 1);
});
