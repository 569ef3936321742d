// Reply > Get Many (top-level replies, either order) and Get Conversation (every depth, flat) on a seeded public post.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let root: Record<string, string>;
before(async () => {
	rig = await startReadingRig();
	const posts = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id,permalink,text', limit: 100 });
	root = (posts.data as Array<Record<string, string>>).find((p) => p.text.startsWith('Hello from the public creator'))!;
});
after(async () => await rig.close());

test('Get Many returns the top-level replies, newest first, with where each reply sits', async () => {
	const { output, error, requests } = await rig.run({ resource: 'reply', operation: 'getAll', postId: byId(root.id), returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((r) => r.text), ['Second reply on the first post', 'Great post!']);
	for (const reply of output) {
		assert.equal(reply.replied_to_id, root.id);
		assert.equal(reply.root_post_id, root.id);
		assert.equal(reply.hide_status, 'NOT_HUSHED');
	}
	assert.equal(output[1].has_replies, true);
	assert.equal(requests[0].path, `/v1.0/${root.id}/replies`);
	assert.equal(requests[0].query.reverse, 'true');
});

test('Order: Oldest First sends reverse=false', async () => {
	const { output, requests } = await rig.run({
		resource: 'reply',
		operation: 'getAll',
		postId: byId(root.id),
		returnAll: true,
		options: { order: 'oldest' },
	});
	assert.deepEqual(output.map((r) => r.text), ['Great post!', 'Second reply on the first post']);
	assert.equal(requests[0].query.reverse, 'false');
});

test('Get Conversation returns replies at every depth, by post URL', async () => {
	const { output, error, requests } = await rig.run({
		resource: 'reply',
		operation: 'getConversation',
		postId: byUrl(root.permalink),
		returnAll: true,
		options: { order: 'oldest' },
	});
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((r) => r.text), ['Great post!', 'Thanks!', 'Second reply on the first post']);
	const nested = output.find((r) => r.text === 'Thanks!')!;
	assert.equal(nested.replied_to_id, output[0].id);
	assert.equal(nested.root_post_id, root.id);
	assert.equal(requests.at(-1)?.path, `/v1.0/${root.id}/conversation`);
});
