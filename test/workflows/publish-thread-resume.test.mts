// A thread that stops part-way names the parts already out; Continue Chain After Post ID finishes it without sending any part twice.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';
import { type FaultProxy, checkChain, startFaultProxy } from '../helpers/thread-faults.mts';

let rig: PublishingRig;
let proxy: FaultProxy;
before(async () => {
	proxy = await startFaultProxy();
	rig = await startPublishingRig({ credentialData: { apiBaseUrl: proxy.url, allowCustomHost: true } }, (started) => {
		proxy.sandbox = started.sandbox;
	});
});
beforeEach(() => {
	rig.sandbox.clearLog();
	rig.sandbox.faults.clear();
	proxy.pick = () => undefined;
});
after(async () => {
	await rig.close();
	await proxy.close();
});

const IMG = 'https://cdn.example.com/chain.jpg';
const BROKEN = 'https://cdn.example.com/unreachable.jpg';
const texts = (name: string) => [1, 2, 3, 4].map((n) => `${name}\n${n}/4`);
/** A four-part thread whose third part is an image (broken or not); options on top. */
function thread(name: string, { image = IMG, options = {} as IDataObject, continueOnFail = false } = {}) {
	return {
		name: 'Threads',
		continueOnFail,
		parameters: {
			resource: 'post',
			operation: 'publishThread',
			threadSource: 'list',
			numbering: 'slash',
			parts: {
				part: [
					{ text: name, mediaType: 'TEXT' },
					{ text: name, mediaType: 'TEXT' },
					{ text: name, mediaType: 'IMAGE', mediaUrl: image },
					{ text: name, mediaType: 'TEXT' },
				],
			},
			options,
		},
	};
}
const creationsOf = (text: string) =>
	rig.sandbox.log.filter((entry) => entry.operation === 'createContainer' && entry.body.text === text).length;

test('a part that fails stops the thread: the error names the parts out, the failed part and where to continue', async () => {
	const stopped = await rig.run([thread('Stops', { image: BROKEN })]);
	assert.ok(stopped.error, 'the node fails');
	assert.match(stopped.error.message, /^The thread stopped at part 3 of 4: /);
	const chain = checkChain(rig.sandbox, texts('Stops'));
	const [first, second] = chain.posts.map((post) => post?.id);
	assert.deepEqual([chain.missing, chain.duplicates, chain.outOfOrder], [2, 0, 0]);
	assert.match(stopped.error.description ?? '', new RegExp(`^Parts 1 to 2 are published \\(IDs ${first}, ${second}\\) and were not sent again\\.`));
	assert.match(stopped.error.description ?? '', new RegExp(`Continue Chain After Post ID set to ${second}:`));
	assert.ok(!rig.requests().slice(rig.requests().lastIndexOf('POST createContainer') + 1).includes('POST createContainer'), 'nothing after the failed part');

	// With continue-on-fail the error item carries the same, for a workflow to act on.
	const item = (await rig.run([thread('Stops on', { image: BROKEN, continueOnFail: true })])).items('Threads')[0];
	const posts = checkChain(rig.sandbox, texts('Stops on')).posts;
	assert.match(String(item.json.error), /^The thread stopped at part 3 of 4: /);
	assert.deepEqual(item.json.publishedIds, [posts[0]?.id, posts[1]?.id]);
	assert.equal(item.json.failedPart, 3);
	assert.equal(item.json.parts, 4);
	assert.equal(item.json.continueAfterPostId, posts[1]?.id);
});

test('Continue Chain After Post ID finishes the thread, sending only the parts not out yet', async () => {
	await rig.run([thread('Resumed', { image: BROKEN })]);
	const lastOut = checkChain(rig.sandbox, texts('Resumed')).posts[1]!.id;
	rig.sandbox.clearLog();
	const resumed = await rig.run([thread('Resumed', { options: { continueAfterPostId: lastOut } })]);
	assert.equal(resumed.error, undefined, resumed.error?.message);
	const chain = checkChain(rig.sandbox, texts('Resumed'));
	assert.deepEqual([chain.missing, chain.duplicates, chain.outOfOrder], [0, 0, 0]);
	const [out] = resumed.output('Threads');
	assert.deepEqual(out.ids, chain.posts.map((post) => post?.id));
	assert.equal(out.id, chain.posts[0]?.id);
	assert.equal(out.permalink, chain.posts[0]?.permalink);
	assert.deepEqual([out.parts, out.alreadyPublished, out.sentNow], [4, 2, 2]);
	assert.deepEqual([creationsOf('Resumed\n1/4'), creationsOf('Resumed\n2/4')], [0, 0], 'parts 1 and 2 are not sent again');
	// The quota check, then placing the post: it and its parent are read, then its replies for part 3.
	assert.deepEqual(rig.requests().slice(0, 4), ['GET publishingLimit', 'GET getMedia', 'GET getMedia', 'GET getMediaReplies']);

	// Run again with the same ID, or the last one: everything is found, nothing is sent.
	for (const again of [lastOut, chain.posts[3]!.id]) {
		rig.sandbox.clearLog();
		const rerun = await rig.run([thread('Resumed', { options: { continueAfterPostId: again } })]);
		assert.equal(rerun.error, undefined, rerun.error?.message);
		assert.deepEqual(rerun.output('Threads')[0].ids, out.ids);
		assert.equal(rerun.output('Threads')[0].sentNow, 0);
		assert.ok(!rig.requests().some((r) => r.startsWith('POST')), 'nothing is sent');
	}
	assert.equal(checkChain(rig.sandbox, texts('Resumed')).duplicates, 0);
});

test('a part whose publish cannot be confirmed stops the thread; continuing finds it under the part before', async () => {
	// The publish of part 2 goes through but its answer is lost, and the status checks fail too.
	let armed = false;
	proxy.pick = ({ path, params }) => {
		if (path.endsWith('/threads') && params.text === 'Unsure\n2/4') armed = true;
		if (armed && path.endsWith('/threads_publish')) {
			armed = false;
			rig.sandbox.faults.inject({ kind: 'http500', operation: 'containerStatus', times: Infinity });
			return { kind: 'lostResponse', operation: 'publish' };
		}
		return undefined;
	};
	const stopped = await rig.run([thread('Unsure', { continueOnFail: true })]);
	const [item] = stopped.items('Threads');
	assert.match(String(item.json.error), /^The thread stopped at part 2 of 4: Could not tell whether container \d+ was published/);
	const before = checkChain(rig.sandbox, texts('Unsure'));
	assert.equal(before.posts[1]?.replyToId, before.posts[0]?.id, 'part 2 did go out');
	assert.deepEqual(item.json.publishedIds, [before.posts[0]?.id]);

	proxy.pick = () => undefined;
	rig.sandbox.faults.clear();
	const resumed = await rig.run([thread('Unsure', { options: { continueAfterPostId: item.json.continueAfterPostId } })]);
	assert.equal(resumed.error, undefined, resumed.error?.message);
	const chain = checkChain(rig.sandbox, texts('Unsure'));
	assert.deepEqual([chain.missing, chain.duplicates, chain.outOfOrder], [0, 0, 0]);
	assert.deepEqual(resumed.output('Threads')[0].ids, chain.posts.map((post) => post?.id));
	assert.equal(resumed.output('Threads')[0].sentNow, 2);
});

test('Continue Chain After Post ID naming a post of another thread is refused before anything is sent', async () => {
	const other = await rig.run([thread('Other')]);
	const otherId = other.output('Threads')[0].ids as string[];
	rig.sandbox.clearLog();
	const refused = await rig.run([thread('Mismatch', { options: { continueAfterPostId: otherId[2] } })]);
	assert.match(refused.error?.message ?? '', /^Continue Chain After Post ID: post \d+ is not a part of this thread: no part has its kind and text \("Other 3\/4"\)/);
	assert.match(refused.error?.description ?? '', /^Nothing was sent/);
	assert.ok(!rig.requests().some((r) => r.startsWith('POST')), 'nothing is sent');
});
