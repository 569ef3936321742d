// Insight > Get Post Insights: lifetime metrics of an own post, one flat object when simplified.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CREATOR_ID, type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let creator: { id: string; name: string };
let post: Record<string, string>;
before(async () => {
	rig = await startReadingRig();
	creator = rig.addCredential('Threads (public_creator)', rig.sandbox.issueToken({ userId: CREATOR_ID }));
	const posts = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id,permalink,text', limit: 100 });
	post = (posts.data as Array<Record<string, string>>).find((p) => p.text.startsWith('Automation tips'))!;
});
after(async () => await rig.close());

test('Simplify: one flat object with every metric', async () => {
	const { output, error, requests } = await rig.run(
		{ resource: 'insights', operation: 'getPostInsights', postId: byId(post.id) },
		{ credential: creator },
	);
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ id: post.id, views: 3000, likes: 120, replies: 1, reposts: 1, quotes: 0, shares: 2 }]);
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, `/v1.0/${post.id}/insights`);
	assert.equal(requests[0].query.metric, 'views,likes,replies,reposts,quotes,shares');
});

test('chosen metrics only, by post URL', async () => {
	const { output, error, requests } = await rig.run(
		{ resource: 'insights', operation: 'getPostInsights', postId: byUrl(post.permalink), metrics: ['likes', 'views'] },
		{ credential: creator },
	);
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ id: post.id, likes: 120, views: 3000 }]);
	assert.equal(requests.at(-1)?.query.metric, 'likes,views');
});

test('raw: one item per metric as Threads returns it', async () => {
	const { output, items } = await rig.run(
		{ resource: 'insights', operation: 'getPostInsights', postId: byId(post.id), metrics: ['likes', 'shares'], simple: false },
		{ credential: creator },
	);
	assert.equal(output.length, 2);
	assert.equal(output[0].name, 'likes');
	assert.equal(output[0].period, 'lifetime');
	assert.deepEqual(output[0].values, [{ value: 120 }]);
	assert.equal(output[1].name, 'shares');
	for (const item of items) assert.deepEqual(item.pairedItem, { item: 0 });
});

test("a post of another account: Threads' refusal is explained both ways", async () => {
	const { error } = await rig.run({ resource: 'insights', operation: 'getPostInsights', postId: byId(post.id) });
	assert.ok(error);
	assert.equal(error.message, 'The Threads token lacks the "threads_manage_insights" permission');
	assert.match(error.description ?? '', /insights are only available for posts of the connected account/);
});
