// Replies: user replies, media replies (reverse), conversation, hide, pending approvals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, HOUR, client, publishPost, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
let post: string;
let firstReply: string;
let secondReply: string;
let nested: string;
before(async () => {
	sb = await startManual();
	c = client(sb);
	post = await publishPost(sb, c, { media_type: 'TEXT', text: 'root' });
	firstReply = sb.simulateReply({ to: post, text: 'first' });
	sb.clock.advance(HOUR);
	secondReply = sb.simulateReply({ to: post, text: 'second', username: 'small_account' });
	sb.clock.advance(HOUR);
	nested = await publishPost(sb, c, { media_type: 'TEXT', text: 'my answer', reply_to_id: firstReply });
});
after(() => sb.close());

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((m) => m.id);

test('/{media-id}/replies lists top-level replies, newest first unless reverse=false', async () => {
	assert.deepEqual(ids(await c.get(`/${post}/replies`)), [secondReply, firstReply]);
	assert.deepEqual(ids(await c.get(`/${post}/replies`, { reverse: false })), [firstReply, secondReply]);
});

test('/{media-id}/conversation lists every depth, flat', async () => {
	const res = await c.get(`/${post}/conversation`, { fields: 'id,root_post,replied_to,is_reply,is_reply_owned_by_me', reverse: false });
	assert.deepEqual(ids(res), [firstReply, secondReply, nested]);
	const mine = res.body.data[2];
	assert.deepEqual(mine, { id: nested, root_post: { id: post }, replied_to: { id: firstReply }, is_reply: true, is_reply_owned_by_me: true });
});

test('/me/replies lists my own replies', async () => {
	assert.deepEqual(ids(await c.get('/me/replies')), [nested]);
});

test('manage_reply hides and unhides a reply on my post', async () => {
	assert.deepEqual((await c.post(`/${firstReply}/manage_reply`, { hide: true })).body, { success: true });
	assert.equal((await c.get(`/${firstReply}`, { fields: 'hide_status' })).body.hide_status, 'HIDDEN');
	await c.post(`/${firstReply}/manage_reply`, { hide: false });
	assert.equal((await c.get(`/${firstReply}`, { fields: 'hide_status' })).body.hide_status, 'UNHUSHED');
	const missing = await c.post(`/${firstReply}/manage_reply`);
	assert.equal(missing.body.error.code, 100);
});

test("manage_reply on someone else's conversation is refused", async () => {
	const seeded = (await c.get('/profile_posts', { username: 'public_creator', fields: 'id,has_replies' })).body.data;
	const withReplies = seeded.find((p: { has_replies: boolean }) => p.has_replies);
	const reply = (await c.get(`/${withReplies.id}/replies`)).body.data[0].id;
	const res = await c.post(`/${reply}/manage_reply`, { hide: true });
	assert.equal(res.status, 403);
	assert.equal(res.body.error.code, 10);
});

test('with enable_reply_approvals replies wait in pending_replies until approved', async () => {
	const gated = await publishPost(sb, c, { media_type: 'TEXT', text: 'approve me', enable_reply_approvals: true });
	const pending = sb.simulateReply({ to: gated, text: 'let me in' });
	const ignored = sb.simulateReply({ to: gated, text: 'spam' });
	assert.deepEqual(ids(await c.get(`/${gated}/replies`)), []);
	assert.deepEqual(new Set(ids(await c.get(`/${gated}/pending_replies`))), new Set([pending, ignored]));
	assert.deepEqual((await c.post(`/${pending}/manage_pending_reply`, { approve: true })).body, { success: true });
	await c.post(`/${ignored}/manage_pending_reply`, { approve: false });
	assert.deepEqual(ids(await c.get(`/${gated}/replies`)), [pending]);
	assert.deepEqual(ids(await c.get(`/${gated}/pending_replies`, { approval_status: 'ignored' })), [ignored]);
	assert.equal((await c.get(`/${gated}/pending_replies`, { approval_status: 'other' })).body.error.code, 100);
});

test('reading replies needs threads_read_replies', async () => {
	const basic = client(sb, sb.issueToken({ scopes: ['threads_basic'] }));
	assert.equal((await basic.get(`/${post}/replies`)).status, 403);
	assert.equal((await basic.get(`/${post}/conversation`)).status, 403);
	assert.equal((await basic.post(`/${firstReply}/manage_reply`, { hide: true })).status, 403);
});
