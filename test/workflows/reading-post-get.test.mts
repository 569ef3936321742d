// Post > Get: one post by ID, by the URL of one of the account's posts, or by the URL of someone else's public post.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CREATOR_ID, type PostRef, type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let mine: PostRef;
before(async () => {
	rig = await startReadingRig();
	await rig.posts(3, 'older');
	mine = await rig.post('The one to read');
	await rig.posts(2, 'newer');
});
after(async () => await rig.close());

test('by ID: the default fields, simplified', async () => {
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'get', postId: byId(mine.id) });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	const [post] = output;
	assert.equal(post.id, mine.id);
	assert.equal(post.text, 'The one to read');
	assert.equal(post.permalink, mine.permalink);
	assert.equal(post.owner_id, rig.sandbox.user.id);
	assert.equal(post.is_reply, false);
	assert.equal(post.has_replies, false);
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, `/v1.0/${mine.id}`);
});

test('by the URL of an own post: looked up among the own posts, then read (the lookup is cached per run)', async () => {
	const { output, error, requests } = await rig.run(
		{ resource: 'post', operation: 'get', postId: byUrl('={{ $json.url }}'), fields: ['text'] },
		{ input: [{ url: mine.permalink }, { url: `${mine.permalink}?xmt=abc` }] },
	);
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [
		{ id: mine.id, text: 'The one to read' },
		{ id: mine.id, text: 'The one to read' },
	]);
	assert.deepEqual(
		requests.map((r) => r.operation),
		['getMe', 'getThreads', 'getMedia', 'getMedia'],
	);
	assert.equal(requests[1].query.fields, 'id,shortcode');
});

test("by the URL of someone else's public post: looked up among that profile's posts", async () => {
	const creatorPosts = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id,permalink,text', limit: 100 });
	const target = (creatorPosts.data as Array<Record<string, string>>).find((p) => p.text.startsWith('Pictures from Paris'))!;
	const { output, error, requests } = await rig.run({
		resource: 'post',
		operation: 'get',
		postId: byUrl(target.permalink),
		fields: ['location', 'media_type', 'owner', 'text'],
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].id, target.id);
	assert.equal(output[0].media_type, 'IMAGE');
	assert.equal(output[0].owner_id, CREATOR_ID);
	assert.equal((output[0].location as Record<string, unknown>).name, 'Eiffel Tower');
	assert.deepEqual(requests.map((r) => r.operation), ['getMe', 'profilePosts', 'getMedia']);
	assert.equal(requests[1].query.username, 'public_creator');
});

test('a URL that matches no post fails naming the field, and says where it looked', async () => {
	const { error } = await rig.run({
		resource: 'post',
		operation: 'get',
		postId: byUrl('https://www.threads.net/@sandbox_user/post/DoesNotExist1'),
	});
	assert.ok(error);
	assert.match(error.message, /^Post: no post with the URL .* was found in the last 1000 posts and replies of the connected account \(@sandbox_user\)/);
});

test('version 2 keeps Fields in Options, like the lists; version 1 keeps it at the top level', async () => {
	const v2 = await rig.run({ resource: 'post', operation: 'get', postId: byId(mine.id), options: { fields: ['text'] } }, { node: { typeVersion: 2 } });
	assert.equal(v2.error, undefined, v2.error?.message);
	assert.deepEqual(v2.output, [{ id: mine.id, text: 'The one to read' }]);
	assert.equal(v2.requests[0].query.fields, 'id,text');
	const v2Defaults = await rig.run({ resource: 'post', operation: 'get', postId: byId(mine.id) }, { node: { typeVersion: 2 } });
	assert.equal(v2Defaults.output[0].permalink, mine.permalink, 'no Options: the default fields');
	const v1 = await rig.run({ resource: 'post', operation: 'get', postId: byId(mine.id), fields: ['text'] });
	assert.deepEqual(v1.output, [{ id: mine.id, text: 'The one to read' }]);
});
