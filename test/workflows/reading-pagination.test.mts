// Return All walks cursors 100 at a time (N posts cost ceil(N/100) requests); Limit stops requesting once it has enough.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type PostRef, type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

const COUNT = 250;
let rig: ReadingRig;
let posts: PostRef[];
before(async () => {
	rig = await startReadingRig();
	posts = await rig.posts(COUNT);
});
after(async () => await rig.close());

test(`Return All of ${COUNT} posts takes ceil(${COUNT}/100) = 3 requests of 100`, async () => {
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'getAll', returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, COUNT);
	assert.equal(new Set(output.map((p) => p.id)).size, COUNT, 'no post twice');
	assert.deepEqual(output.map((p) => p.id), posts.map((p) => p.id).reverse());
	assert.equal(requests.length, Math.ceil(COUNT / 100));
	assert.deepEqual(requests.map((r) => r.query.limit), ['100', '100', '100']);
	assert.equal(requests[0].query.after, undefined);
	assert.ok(requests[1].query.after && requests[2].query.after);
});

test('Limit 150 takes two requests (100, then the 50 still missing) and returns exactly 150', async () => {
	const { output, requests } = await rig.run({ resource: 'post', operation: 'getAll', limit: 150 });
	assert.equal(output.length, 150);
	assert.deepEqual(requests.map((r) => r.query.limit), ['100', '50']);
	assert.deepEqual(output.map((p) => p.id), posts.slice(-150).map((p) => p.id).reverse());
});

test('Limit 30 takes one request asking for 30', async () => {
	const { output, requests } = await rig.run({ resource: 'post', operation: 'getAll', limit: 30 });
	assert.equal(output.length, 30);
	assert.deepEqual(requests.map((r) => r.query.limit), ['30']);
});

test('After Cursor continues where an earlier page ended; Before Cursor walks back from a cursor', async () => {
	const page = await rig.api('GET', '/me/threads', { fields: 'id', limit: 10 });
	const cursors = (page.paging as { cursors: { after: string; before: string } }).cursors;
	const next = await rig.run({ resource: 'post', operation: 'getAll', limit: 5, options: { after: cursors.after } });
	assert.equal(next.error, undefined, next.error?.message);
	const newestFirst = posts.map((p) => p.id).reverse();
	assert.deepEqual(next.output.map((p) => p.id), newestFirst.slice(10, 15));
	assert.equal(next.requests[0].query.after, cursors.after);

	const later = await rig.api('GET', '/me/threads', { fields: 'id', limit: 10, after: cursors.after });
	const laterBefore = (later.paging as { cursors: { before: string } }).cursors.before;
	const back = await rig.run({ resource: 'post', operation: 'getAll', returnAll: true, options: { before: laterBefore } });
	assert.equal(back.error, undefined, back.error?.message);
	assert.deepEqual(back.output.map((p) => p.id), newestFirst.slice(0, 10));
});
