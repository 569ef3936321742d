// Threads Poll Trigger in n8n's engine: the manual sample, the first run, the output's shape (the
// Threads node's lists plus source), own replies, deleted watched posts, failed polls, permissions.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { PollHarness, pollWorkflow } from '../helpers/poll-engine.mts';
import { driveNodeClockWithSandbox } from '../helpers/publishing-rig.mts';
import { deleteAs } from '../helpers/poll-stream.mts';
import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

const ME = '17841400000000001';

let rig: ReadingRig;
beforeEach(async () => {
	rig = await startReadingRig();
});
afterEach(async () => await rig?.close());

function harness(parameters: IDataObject, credential = rig.ref): PollHarness {
	return new PollHarness(pollWorkflow(parameters, credential), rig.store);
}

const texts = (items: IDataObject[]) => items.map((item) => item.text);

test('a manual run returns the latest mention as a sample, shaped like Get Mentions, and leaves the mark where it was', async () => {
	const trigger = harness({ event: 'mention' });
	await trigger.activate();
	const marked = trigger.staticData();
	rig.sandbox.clock.advance(60_000);
	rig.sandbox.inject.mentions({ text: 'first @sandbox_user' });
	rig.sandbox.clock.advance(1000);
	rig.sandbox.inject.mentions({ text: 'second @sandbox_user' });
	const sample = await trigger.manual();
	assert.equal(sample?.length, 1);
	const { output } = await rig.run({ resource: 'discovery', operation: 'getMentions', limit: 1 });
	assert.deepEqual(sample?.[0].json, { ...output[0], source: 'mention' });
	assert.deepEqual(trigger.staticData(), marked, 'the manual run moved nothing');
	const polled = await trigger.poll();
	assert.deepEqual(texts(polled.output('Events')), ['first @sandbox_user', 'second @sandbox_user']);
});

test('a manual run with nothing to show says so', async () => {
	const trigger = harness({ event: 'searchResult', query: 'nobody-wrote-this' });
	await trigger.activate();
	await assert.rejects(trigger.manual(), /No post matching the query was found to show as a sample/);
});

test('Emit on First Run: the first activation emits the newest N, oldest first, and never again', async () => {
	rig.sandbox.inject.posts({ text: 'post {n}', count: 5, stepMs: 1000 });
	const trigger = harness({ event: 'post', options: { emitOnFirstRun: 3 } });
	const first = await trigger.activate();
	assert.deepEqual(texts(first.output('Events')), ['post 3', 'post 4', 'post 5']);
	assert.equal((await trigger.poll()).emitted, null);
	assert.equal((await trigger.restart()).emitted, null, 'a restart is not a first run');
});

test("replies carry the reply fields, watchedPostId and source; the account's own replies only when asked", async () => {
	const [post] = rig.sandbox.inject.posts({ text: 'watched' });
	const parameters = { event: 'reply', watch: 'onePost', postId: { __rl: true, mode: 'id', value: post } };
	const skipping = harness(parameters);
	const including = harness({ ...parameters, options: { includeOwnReplies: true } });
	await skipping.activate();
	await including.activate();
	rig.sandbox.clock.advance(60_000);
	rig.sandbox.inject.replies({ to: post, username: 'public_creator', text: 'from someone' });
	rig.sandbox.clock.advance(1000);
	rig.sandbox.inject.replies({ to: post, username: 'sandbox_user', text: 'from me' });
	const skipped = (await skipping.poll()).output('Events');
	assert.deepEqual(texts(skipped), ['from someone']);
	assert.deepEqual(texts((await including.poll()).output('Events')), ['from someone', 'from me']);
	const { output } = await rig.run({ resource: 'reply', operation: 'getAll', postId: post, limit: 10 });
	const listed = output.find((reply) => reply.text === 'from someone');
	assert.deepEqual(skipped[0], { ...listed, is_reply_owned_by_me: false, source: 'reply', watchedPostId: post });
	assert.equal((skipped[0] as IDataObject).root_post_id, post);
	assert.equal((await skipping.manual())?.[0].json.text, 'from someone', 'the sample skips own replies too');
	const recent = harness({ event: 'reply', watch: 'recentPosts', postCount: 2 });
	assert.equal((await recent.activate()).emitted, null);
	assert.equal((await recent.manual())?.[0].json.text, 'from someone', 'a sample from the recent posts');
});

test('the one watched post deleted: the poll fails saying so, and nothing moves', async () => {
	const [post] = rig.sandbox.inject.posts({ text: 'soon gone' });
	const trigger = harness({ event: 'pendingReply', watch: 'onePost', postId: { __rl: true, mode: 'id', value: post } });
	await trigger.activate();
	const marked = trigger.staticData();
	await deleteAs(rig.sandbox, ME, post);
	await assert.rejects(trigger.poll(), (error: Error & { description?: string }) => {
		assert.match(error.message, new RegExp(`The post this trigger watches \\(${post}\\) was not found: it may have been deleted`));
		assert.match(String(error.description), /Pick another post/);
		return true;
	});
	assert.deepEqual(trigger.staticData(), marked);
});

test('recent posts: a deleted watched post stops being watched, the others go on', async () => {
	const [older, newer] = rig.sandbox.inject.posts({ text: 'post {n}', count: 2, stepMs: 1000 });
	const trigger = harness({ event: 'reply', watch: 'recentPosts', postCount: 2 });
	await trigger.activate();
	await deleteAs(rig.sandbox, ME, newer);
	rig.sandbox.clock.advance(60_000);
	rig.sandbox.inject.replies({ to: older, username: 'public_creator', text: 'still watched' });
	assert.deepEqual(texts((await trigger.poll()).output('Events')), ['still watched']);
	const state = trigger.staticData().threadsPoll as { watched: { ids: string[] } };
	assert.deepEqual(state.watched.ids, [older]);
});

test('a poll that fails emits nothing and keeps its mark: the next one emits what the failed one would have', async () => {
	const trigger = harness({ event: 'mention' });
	await trigger.activate();
	const marked = trigger.staticData();
	rig.sandbox.clock.advance(60_000);
	rig.sandbox.inject.mentions({ text: 'during the outage @sandbox_user' });
	rig.sandbox.faults.inject({ kind: 'throttle', operation: 'getMentions', times: 100 });
	// The transport's backoff between its retries runs on the sandbox clock, not in real time.
	const realClock = driveNodeClockWithSandbox(rig.sandbox);
	await assert.rejects(trigger.poll(), /Threads is rate limiting this app or account/).finally(realClock);
	assert.equal(rig.sandbox.log.filter((entry) => entry.fault === 'throttle').length, 4, 'the first try and three retries');
	assert.deepEqual(trigger.staticData(), marked);
	rig.sandbox.faults.clear();
	assert.deepEqual(texts((await trigger.poll()).output('Events')), ['during the outage @sandbox_user']);
});

test("a token without the permission gets the Threads node's error naming it", async () => {
	const credential = rig.addCredential('basic only', rig.sandbox.issueToken({ kind: 'long', scopes: ['threads_basic'] }));
	const trigger = harness({ event: 'mention' }, credential);
	await assert.rejects(trigger.activate(), /The Threads token lacks the "threads_manage_mentions" permission/);
});

test('changing the query starts the new search afresh: nothing old, nothing of the old query', async () => {
	rig.sandbox.inject.posts({ userId: '17841400000000002', text: 'alpha and beta', count: 2 });
	const alpha = harness({ event: 'searchResult', query: 'alpha' });
	await alpha.activate();
	const beta = new PollHarness(pollWorkflow({ event: 'searchResult', query: 'beta' }, rig.ref), rig.store);
	beta.saved = alpha.saved; // the same node, its query edited
	assert.equal((await beta.activate('update')).emitted, null);
	const state = beta.staticData().threadsPoll as { sources: Record<string, unknown> };
	assert.deepEqual(Object.keys(state.sources), ['search:KEYWORD:beta']);
});
