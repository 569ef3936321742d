// Discovery > Get Embed: oEmbed HTML for a post given by URL, or by ID (its permalink is read first).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('by URL, with a max width', async () => {
	const post = await rig.post('Embed me');
	const { output, error, requests } = await rig.run({ resource: 'discovery', operation: 'getEmbed', postId: byUrl(post.permalink), maxWidth: 400 });
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].url, post.permalink);
	assert.equal(output[0].provider_name, 'Threads');
	assert.equal(output[0].width, 400);
	assert.match(String(output[0].html), new RegExp(`data-text-post-permalink="${post.permalink}"`));
	assert.deepEqual(requests.map((r) => r.operation), ['oembed']);
	assert.equal(requests[0].query.maxwidth, '400');
});

test('by ID: reads the permalink, then embeds it', async () => {
	const post = await rig.post('Embed me by ID');
	const { output, error, requests } = await rig.run({ resource: 'discovery', operation: 'getEmbed', postId: byId(post.id) });
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].url, post.permalink);
	assert.deepEqual(requests.map((r) => r.operation), ['getMedia', 'oembed']);
	assert.equal(requests[1].query.maxwidth, undefined);
});

test('by a /t/ short link (no author in it): resolved among the own posts, then embedded by permalink', async () => {
	const post = await rig.post('Embed me by short link');
	const { output, error, requests } = await rig.run({
		resource: 'discovery',
		operation: 'getEmbed',
		postId: byUrl(`https://www.threads.net/t/${post.shortcode}`),
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].url, post.permalink);
	assert.deepEqual(requests.map((r) => r.operation), ['getMe', 'getThreads', 'getMedia', 'oembed']);
});
