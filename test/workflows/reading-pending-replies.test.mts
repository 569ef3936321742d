// Reply > Get Pending Replies, Approve Pending Reply, Ignore Pending Reply on a post published with reply approvals.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('pending replies are listed, then approved (public) or ignored (moved to the ignored list)', async () => {
	const post = await rig.post('Replies need my approval', { enable_reply_approvals: true });
	const good = rig.sandbox.simulateReply({ to: post.id, text: 'A helpful reply' });
	rig.sandbox.clock.advance(1000);
	const spam = rig.sandbox.simulateReply({ to: post.id, text: 'Buy followers now', username: 'small_account' });

	const pending = await rig.run({ resource: 'reply', operation: 'getPending', postId: byUrl(post.permalink), returnAll: true });
	assert.equal(pending.error, undefined, pending.error?.message);
	assert.deepEqual(pending.output.map((r) => r.id), [spam, good]);
	const request = pending.requests.at(-1)!;
	assert.equal(request.path, `/v1.0/${post.id}/pending_replies`);
	assert.equal(request.query.approval_status, 'pending');

	const before = await rig.run({ resource: 'reply', operation: 'getAll', postId: byId(post.id), returnAll: true });
	assert.deepEqual(before.output, [], 'pending replies are not public');

	const approved = await rig.run({ resource: 'reply', operation: 'approve', replyId: byId(good) });
	assert.deepEqual(approved.output, [{ success: true, id: good, approval_status: 'approved' }]);
	assert.equal(approved.requests[0].path, `/v1.0/${good}/manage_pending_reply`);
	assert.equal(approved.requests[0].body.approve, 'true');

	const ignored = await rig.run({ resource: 'reply', operation: 'ignore', replyId: byId(spam) });
	assert.deepEqual(ignored.output, [{ success: true, id: spam, approval_status: 'ignored' }]);
	assert.equal(ignored.requests[0].body.approve, 'false');

	const visible = await rig.run({ resource: 'reply', operation: 'getAll', postId: byId(post.id), returnAll: true });
	assert.deepEqual(visible.output.map((r) => r.text), ['A helpful reply']);
	const stillPending = await rig.run({ resource: 'reply', operation: 'getPending', postId: byId(post.id), returnAll: true });
	assert.deepEqual(stillPending.output, []);
	const ignoredList = await rig.run({
		resource: 'reply',
		operation: 'getPending',
		postId: byId(post.id),
		approvalStatus: 'ignored',
		returnAll: true,
	});
	assert.deepEqual(ignoredList.output.map((r) => r.id), [spam]);
});

test("pending replies of another account's post: Threads' refusal is explained both ways", async () => {
	const creator = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id', limit: 1 });
	const { error } = await rig.run({
		resource: 'reply',
		operation: 'getPending',
		postId: byId((creator.data as Array<{ id: string }>)[0].id),
	});
	assert.ok(error);
	assert.equal(error.message, 'The Threads token lacks the "threads_read_replies" and "threads_manage_replies" permission');
	assert.match(error.description ?? '', /only posts of the connected account have pending replies/);
});
