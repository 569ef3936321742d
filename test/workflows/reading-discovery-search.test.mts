// Discovery > Search Posts: keyword and tag search with the options Threads offers, Return All and Limit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('keyword search, top results first', async () => {
	const { output, error, requests } = await rig.run({ resource: 'discovery', operation: 'searchPosts', query: 'sandbox_user', returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((p) => p.text), [
		'Shout-out to @sandbox_user for testing the API with us.',
		'Hey @sandbox_user, have you tried the new n8n node?',
	]);
	assert.equal(requests[0].path, '/v1.0/keyword_search');
	assert.deepEqual(
		{ q: requests[0].query.q, type: requests[0].query.search_type, mode: requests[0].query.search_mode, limit: requests[0].query.limit },
		{ q: 'sandbox_user', type: 'TOP', mode: 'KEYWORD', limit: '100' },
	);
});

test('recent search sends RECENT and returns the newest first', async () => {
	const { output } = await rig.run({ resource: 'discovery', operation: 'searchPosts', query: 'sandbox_user', searchType: 'RECENT', returnAll: true });
	assert.deepEqual(output.map((p) => p.text), [
		'Hey @sandbox_user, have you tried the new n8n node?',
		'Shout-out to @sandbox_user for testing the API with us.',
	]);
});

test('tag search drops the #, media type and author narrow the results', async () => {
	const tag = await rig.run({ resource: 'discovery', operation: 'searchPosts', query: '#automation', searchMode: 'TAG', returnAll: true });
	assert.equal(tag.error, undefined, tag.error?.message);
	assert.equal(tag.requests[0].query.q, 'automation');
	assert.deepEqual(tag.output.map((p) => p.topic_tag), ['automation']);

	const images = await rig.run({
		resource: 'discovery',
		operation: 'searchPosts',
		query: 'Paris',
		returnAll: true,
		options: { mediaType: 'IMAGE', authorUsername: '@public_creator' },
	});
	assert.equal(images.error, undefined, images.error?.message);
	assert.deepEqual(images.output.map((p) => p.media_type), ['IMAGE']);
	assert.equal(images.requests[0].query.media_type, 'IMAGE');
	assert.equal(images.requests[0].query.author_username, 'public_creator');

	const none = await rig.run({
		resource: 'discovery',
		operation: 'searchPosts',
		query: 'Paris',
		returnAll: true,
		options: { mediaType: 'VIDEO' },
	});
	assert.deepEqual(none.output, []);
});

test('Limit 1 asks for one result', async () => {
	const { output, requests } = await rig.run({ resource: 'discovery', operation: 'searchPosts', query: 'the', limit: 1 });
	assert.equal(output.length, 1);
	assert.equal(requests[0].query.limit, '1');
});
