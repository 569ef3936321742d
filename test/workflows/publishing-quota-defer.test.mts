// Over Quota: Defer. Items beyond the remaining quota (read once before anything is sent) are not
// attempted and come out as normal output items, status DEFERRED, paired with their input item; the
// rest are published and the run succeeds. The sandbox's quota is lowered through its config.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

/** Lowers the posts quota so that `left` posts remain (the sandbox's clock stands still: all count). */
function leave(left: number): void {
	const used = rig.sandbox.published().filter((post) => !post.replyToId).length;
	rig.sandbox.configure({ quotas: { posts: used + left } });
}

const publish = (options: IDataObject, continueOnFail = false) => ({
	name: 'Threads',
	parameters: {
		resource: 'post',
		operation: 'publish',
		mediaType: 'TEXT',
		text: '={{ $json.text }}',
		options: { replyToId: '={{ $json.replyTo ?? "" }}', includePermalink: false, ...options },
	},
	continueOnFail,
});

test('a burst larger than the quota: the first ones published, the rest deferred, the run succeeds', async () => {
	leave(2);
	const parent = rig.sandbox.inject.posts({ text: 'someone to reply to' })[0];
	const input = [
		{ text: 'burst 1' },
		{ text: 'burst 2' },
		{ text: 'burst reply', replyTo: parent },
		{ text: 'burst 3' },
		{ text: `<p>burst 4 ${'long '.repeat(120)}</p>` },
	];
	const result = await rig.run(
		[publish({ overQuota: 'defer', cleanHtml: true, whenTooLong: 'shorten' })],
		input,
	);
	assert.equal(result.error, undefined, result.error?.message);
	const out = result.items('Threads');
	assert.deepEqual(
		out.map((item) => item.pairedItem),
		input.map((_, item) => ({ item })),
	);
	assert.deepEqual(
		out.map((item) => item.json.status),
		['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'DEFERRED', 'DEFERRED'],
		'replies use their own quota',
	);
	const [deferred3, deferred4] = [out[3].json, out[4].json];
	assert.equal(deferred3.reason, 'quota');
	assert.equal(deferred3.text, 'burst 3');
	assert.equal(deferred3.mediaType, 'TEXT');
	assert.match(
		String(deferred3.message),
		/^Publishing quota reached: Threads allows \d+ posts per 24 hours, \d+ are used, and the 2 left went to earlier items of this batch\. Deferred: nothing was sent\./,
	);
	// A deferred item reports the text as it would have been posted, and what was done to it.
	assert.ok(
		String(deferred4.text).startsWith('burst 4 long') && String(deferred4.text).endsWith('…'),
	);
	assert.deepEqual(deferred4.textAdjusted, ['cleaned', 'shortened']);
	assert.equal(rig.requests()[0], 'GET publishingLimit');
	assert.equal(rig.requests().filter((r) => r === 'POST createContainer').length, 3);
	assert.deepEqual(
		rig.sandbox
			.published()
			.map((post) => post.text)
			.sort(),
		['burst 1', 'burst 2', 'burst reply'],
	);
});

test('with Defer a single item is checked too: no room, nothing sent', async () => {
	leave(0);
	const result = await rig.run([publish({ overQuota: 'defer' })], [{ text: 'alone' }]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(out.status, 'DEFERRED');
	assert.deepEqual(rig.requests(), ['GET publishingLimit']);
});

test('the default (Fail the Item) is unchanged: a single item is not checked, a batch is refused', async () => {
	leave(1);
	const single = await rig.run([publish({})], [{ text: 'one' }]);
	assert.equal(single.error, undefined, single.error?.message);
	assert.deepEqual(rig.requests(), ['POST createContainer', 'POST publish']);
	const batch = await rig.run([publish({})], [{ text: 'two' }, { text: 'three' }]);
	assert.match(
		String(batch.error?.message),
		/^Publishing quota reached: Threads allows \d+ posts per 24 hours, \d+ are used, and the 0 left/,
	);
});

test('Defer with Check Publishing Quota off defers nothing: Threads refuses the publish itself', async () => {
	leave(0);
	const result = await rig.run(
		[publish({ overQuota: 'defer', checkQuota: false }, true)],
		[{ text: 'a' }, { text: 'b' }],
	);
	const out = result.output('Threads');
	assert.ok(out.every((item) => item.error !== undefined && item.status === undefined));
	assert.ok(!rig.requests().includes('GET publishingLimit'));
});
