// Values picked "From list" run like IDs; version 2's Options take post and location locators (an ID, a
// post URL looked up when the item runs); version 1 workflows with plain strings run as before.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fromList } from '../helpers/list-search.mts';
import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

const V2 = { node: { typeVersion: 2 } };

test('Post > Get and Post > Delete take a post picked from the list', async () => {
	const post = await rig.post('Picked from the list');
	const read = await rig.run({ resource: 'post', operation: 'get', postId: fromList(post.id), options: { fields: ['text'] } }, V2);
	assert.equal(read.error, undefined, read.error?.message);
	assert.deepEqual(read.output, [{ id: post.id, text: 'Picked from the list' }]);
	assert.deepEqual(
		read.requests.map((r) => r.path),
		[`/v1.0/${post.id}`],
	);

	const deleted = await rig.run({ resource: 'post', operation: 'delete', postId: fromList(post.id) }, V2);
	assert.equal(deleted.error, undefined, deleted.error?.message);
	assert.deepEqual(
		deleted.requests.map((r) => `${r.method} ${r.path}`),
		[`DELETE /v1.0/${post.id}`],
	);
	const gone = await rig.run({ resource: 'post', operation: 'get', postId: fromList(post.id) }, V2);
	assert.ok(gone.error, 'the post no longer exists');
});

test('Reply > Hide takes a reply picked from the list; the Post beside it is not read', async () => {
	const post = await rig.post('Moderated');
	const reply = rig.sandbox.simulateReply({ to: post.id, text: 'Off topic' });
	const { output, error, requests } = await rig.run(
		{ resource: 'reply', operation: 'hide', postId: fromList(post.id), replyId: fromList(reply) },
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ success: true, id: reply, hidden: true }]);
	assert.deepEqual(
		requests.map((r) => `${r.method} ${r.path}`),
		[`POST /v1.0/${reply}/manage_reply`],
	);
});

test('version 2 Publish: a quote post picked from the list is sent as quote_post_id', async () => {
	const quoted = await rig.post('Worth quoting');
	const { output, error, requests } = await rig.run(
		{ resource: 'post', operation: 'publish', text: 'Look at this', options: { quotePostId: fromList(quoted.id) } },
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].status, 'PUBLISHED');
	const create = requests.find((r) => r.operation === 'createContainer');
	assert.equal(create?.body.quote_post_id, quoted.id);
	const published = await rig.api('GET', `/${String(output[0].id)}`, { fields: 'id,quoted_post' });
	assert.deepEqual(published.quoted_post, { id: quoted.id });
});

test('version 2 Publish: Reply To by URL is looked up when the item runs; a location from the list is tagged', async () => {
	const parent = await rig.post('Reply to me by URL');
	const { output, error, requests } = await rig.run(
		{
			resource: 'post',
			operation: 'publish',
			text: 'Replying by URL',
			options: { replyToId: byUrl(parent.permalink), locationId: fromList('107000000000002') },
		},
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].status, 'PUBLISHED');
	const lookup = requests.findIndex((r) => r.operation === 'getThreads');
	const create = requests.findIndex((r) => r.operation === 'createContainer');
	assert.ok(lookup >= 0 && lookup < create, 'the URL is looked up before the container is created');
	assert.equal(requests[create].body.reply_to_id, parent.id);
	assert.equal(requests[create].body.location_id, '107000000000002');
});

test('version 2 Publish: a Quote Post by ID that is not numeric is refused before any request', async () => {
	const { error, requests } = await rig.run(
		{ resource: 'post', operation: 'publish', text: 'Bad quote', options: { quotePostId: byId('abc') } },
		V2,
	);
	assert.ok(error);
	assert.match(error.message, /numeric Threads ID/);
	assert.equal(requests.filter((r) => r.operation === 'createContainer').length, 0);
});

test('version 1: plain string Reply To ID and Location ID in the Options still work', async () => {
	const parent = await rig.post('A version 1 parent');
	const { output, error, requests } = await rig.run({
		resource: 'post',
		operation: 'publish',
		text: 'A version 1 reply',
		options: { replyToId: ` ${parent.id} `, locationId: '107000000000001' },
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].status, 'PUBLISHED');
	const create = requests.find((r) => r.operation === 'createContainer');
	assert.equal(create?.body.reply_to_id, parent.id);
	assert.equal(create?.body.location_id, '107000000000001');
});

test('version 1: a post URL as plain string Quote Post ID is refused as before', async () => {
	const quoted = await rig.post('Not by URL in version 1');
	const { error, requests } = await rig.run({
		resource: 'post',
		operation: 'publish',
		text: 'Quoting by URL',
		options: { quotePostId: quoted.permalink },
	});
	assert.ok(error);
	assert.match(error.message, /^Quote Post ID/);
	assert.match(error.message, /post URL/);
	assert.equal(requests.length, 0);
});

test('version 2 Get Location takes a place from the list', async () => {
	const { output, error, requests } = await rig.run(
		{ resource: 'location', operation: 'getLocation', locationId: fromList('107000000000003'), options: { fields: ['name'] } },
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ id: '107000000000003', name: 'Brandenburg Gate' }]);
	assert.equal(requests[0].path, '/v1.0/107000000000003');
});

test('Container > Create (version 2): a quote post by URL is looked up, then sent', async () => {
	const quoted = await rig.post('Quoted from a container');
	const { output, error, requests } = await rig.run(
		{ resource: 'container', operation: 'create', text: 'A container quoting', options: { quotePostId: byUrl(quoted.permalink) } },
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.match(String(output[0].id), /^\d+$/);
	assert.equal(requests.find((r) => r.operation === 'createContainer')?.body.quote_post_id, quoted.id);
});

test('version 2 names the locator options as it shows them: Quote Post, Reply To, Location (no "ID")', async () => {
	const cases: Array<[string, Record<string, unknown>, RegExp]> = [
		['ghost post replying', { text: 'A ghost reply', options: { ghostPost: true, replyToId: byId('1789') } }, /^Ghost Post and Reply To cannot be combined/],
		['location by a name', { text: 'Here', options: { locationId: byId('Paris') } }, /^Location must be a numeric Threads ID, got "Paris"/],
		['quote post by letters', { text: 'Quoting', options: { quotePostId: byId('abc') } }, /^Quote Post must be a numeric Threads ID/],
	];
	for (const [label, parameters, expected] of cases) {
		const { error, requests } = await rig.run({ resource: 'post', operation: 'publish', ...parameters }, V2);
		assert.ok(error, label);
		assert.match(error.message, expected, label);
		assert.equal(requests.length, 0, `${label}: nothing sent`);
	}
	// Version 1 keeps its field names in the same messages.
	const v1 = await rig.run({ resource: 'post', operation: 'publish', text: 'A ghost reply', options: { ghostPost: true, replyToId: '1789' } });
	assert.match(v1.error?.message ?? '', /^Ghost Post and Reply To ID cannot be combined/);
});
