// User > Get Publishing Limit: every quota with the remaining count computed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('usage, totals and what is left of posts, replies, deletes and location searches', async () => {
	const a = await rig.post('one');
	await rig.post('two');
	await rig.post('a reply', { reply_to_id: a.id });
	await rig.run({ resource: 'post', operation: 'delete', postId: byId(a.id) });
	await rig.api('GET', '/location_search', { q: 'Paris' });

	const { output, error, requests } = await rig.run({ resource: 'user', operation: 'getPublishingLimit' });
	assert.equal(error, undefined, error?.message);
	const [limit] = output;
	assert.equal(limit.posts_used, 2);
	assert.equal(limit.posts_total, 250);
	assert.equal(limit.posts_remaining, 248);
	assert.equal(limit.replies_used, 1);
	assert.equal(limit.replies_remaining, 999);
	assert.equal(limit.deletes_used, 1);
	assert.equal(limit.deletes_remaining, 99);
	assert.equal(limit.location_searches_used, 1);
	assert.equal(limit.location_searches_remaining, 499);
	assert.equal(limit.posts_window_seconds, 86400);
	assert.equal(limit.quota_usage, 2);
	assert.deepEqual(limit.config, { quota_total: 250, quota_duration: 86400 });
	assert.equal(requests[0].path, '/v1.0/me/threads_publishing_limit');
	assert.deepEqual(requests[0].query.fields.split(','), [
		'quota_usage',
		'config',
		'reply_quota_usage',
		'reply_config',
		'delete_quota_usage',
		'delete_config',
		'location_search_quota_usage',
		'location_search_config',
	]);
});
