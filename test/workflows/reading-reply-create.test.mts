// Reply > Create: one step like Publish (container, publish, permalink), to a post given by ID or URL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('replies to an own post by ID and returns the published reply', async () => {
	const parent = await rig.post('Ask me anything');
	const { output, error, requests } = await rig.run({
		resource: 'reply',
		operation: 'create',
		replyToId: byId(parent.id),
		text: 'Here is an answer',
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	assert.match(String(output[0].id), /^\d+$/);
	assert.equal(output[0].replyToId, parent.id);
	assert.equal(output[0].status, 'PUBLISHED');
	assert.match(String(output[0].permalink), /^https:\/\/www\.threads\.net\/@sandbox_user\/post\//);
	const published = rig.sandbox.published().find((p) => p.id === output[0].id);
	assert.equal(published?.replyToId, parent.id);
	assert.equal(published?.text, 'Here is an answer');
	const create = requests.find((r) => r.operation === 'createContainer');
	assert.equal(create?.body.reply_to_id, parent.id);
});

test("replies to someone else's post given by URL", async () => {
	const creator = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id,permalink', limit: 1 });
	const target = (creator.data as Array<Record<string, string>>)[0];
	const { output, error } = await rig.run({
		resource: 'reply',
		operation: 'create',
		replyToId: byUrl(target.permalink),
		text: 'Nice one',
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].replyToId, target.id);
	const replies = await rig.api('GET', `/${target.id}/replies`, { fields: 'id,text' });
	assert.ok((replies.data as Array<{ id: string }>).some((r) => r.id === output[0].id));
});

test('bad reply input fails before any request', async () => {
	const { error, requests } = await rig.run({
		resource: 'reply',
		operation: 'create',
		replyToId: byId('12345'),
		text: 'x'.repeat(501),
	});
	assert.ok(error);
	assert.match(error.message, /Text is 501 characters long/);
	assert.equal(requests.length, 0);
});
