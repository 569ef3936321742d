// Post > Get Many: the connected account's posts through n8n's engine, newest first, fields, dates, Simplify.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { HOUR, type PostRef, type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let posts: PostRef[];
before(async () => {
	rig = await startReadingRig();
	posts = [];
	for (let i = 0; i < 5; i++) posts.push(await rig.post(`Post number ${i}`, {}, HOUR));
});
after(async () => await rig.close());

test('returns the posts newest first with the default fields, simplified', async () => {
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'getAll', limit: 3 });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((p) => p.id), [posts[4].id, posts[3].id, posts[2].id]);
	assert.equal(output[0].text, 'Post number 4');
	assert.equal(output[0].permalink, posts[4].permalink);
	assert.equal(output[0].username, 'sandbox_user');
	assert.equal(output[0].media_type, 'TEXT_POST');
	assert.match(String(output[0].timestamp), /^\d{4}-\d\d-\d\dT/);
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, '/v1.0/me/threads');
	assert.equal(requests[0].query.limit, '3');
	assert.deepEqual(requests[0].query.fields.split(',').sort(), ['id', 'media_type', 'media_url', 'permalink', 'shortcode', 'text', 'timestamp', 'topic_tag', 'username']);
});

test('Since and Until keep the posts published between them', async () => {
	// Posts are an hour apart: from just before post 1 to just after post 3.
	const published = await rig.api('GET', '/me/threads', { fields: 'text,timestamp', limit: 10 });
	const at = (n: number) => Date.parse(String((published.data as Array<Record<string, string>>).find((p) => p.text === `Post number ${n}`)!.timestamp));
	const from = new Date(at(1) - 1000).toISOString();
	const to = new Date(at(3) + 1000).toISOString();
	const { output, error, requests } = await rig.run({
		resource: 'post',
		operation: 'getAll',
		returnAll: true,
		options: { since: from, until: to },
	});
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((p) => p.text), ['Post number 3', 'Post number 2', 'Post number 1']);
	assert.equal(requests[0].query.since, String(Math.floor(Date.parse(from) / 1000)));
	assert.equal(requests[0].query.until, String(Math.floor(Date.parse(to) / 1000)));
});

test('chosen fields are requested and nested references are flattened by Simplify', async () => {
	const simple = await rig.run({ resource: 'post', operation: 'getAll', limit: 1, options: { fields: ['owner', 'text'] } });
	assert.equal(simple.error, undefined, simple.error?.message);
	assert.equal(simple.requests[0].query.fields, 'id,owner,text');
	assert.deepEqual(simple.output[0], { id: posts[4].id, owner_id: rig.sandbox.user.id, text: 'Post number 4' });

	const raw = await rig.run({ resource: 'post', operation: 'getAll', limit: 1, simple: false, options: { fields: ['owner', 'text'] } });
	assert.deepEqual(raw.output[0], { id: posts[4].id, owner: { id: rig.sandbox.user.id }, text: 'Post number 4' });
});

test('each post is its own item, paired with the input item', async () => {
	const { items } = await rig.run({ resource: 'post', operation: 'getAll', returnAll: true });
	assert.equal(items.length, 5);
	for (const item of items) assert.deepEqual(item.pairedItem, { item: 0 });
});
