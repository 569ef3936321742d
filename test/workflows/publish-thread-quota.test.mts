// A thread's replies count against the 1,000 replies a day: the quota is checked for the whole thread before its first part.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';
import { checkChain } from '../helpers/thread-faults.mts';

let rig: PublishingRig;

/** Publishes replies straight through the sandbox's API until `left` of the 1,000 remain. */
async function fillReplyQuota(left: number): Promise<void> {
	const token = rig.sandbox.issueToken();
	const call = async (params: Record<string, string>) => {
		const url = new URL(`${rig.sandbox.url}/v1.0/me/threads`);
		url.search = new URLSearchParams({ media_type: 'TEXT', auto_publish_text: 'true', access_token: token, ...params }).toString();
		const response = await fetch(url, { method: 'POST' });
		assert.equal(response.status, 200);
		return String(((await response.json()) as { id: string }).id);
	};
	const parent = await call({ text: 'filler parent' });
	for (let n = 0; n < 1000 - left; n++) await call({ text: `filler reply ${n}`, reply_to_id: parent });
}

before(async () => {
	rig = await startPublishingRig();
	await fillReplyQuota(2);
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

const texts = (name: string, count: number) => Array.from({ length: count }, (_, i) => `${name}\n${i + 1}/${count}`);
/** A thread of `count` listed parts, each with the text `name` (numbered), or an expression. */
const thread = (name: string, count: number, options = {}) => ({
	name: 'Threads',
	continueOnFail: true,
	parameters: {
		resource: 'post',
		operation: 'publishThread',
		threadSource: 'list',
		numbering: 'slash',
		parts: { part: Array.from({ length: count }, () => ({ text: name, mediaType: 'TEXT' })) },
		options: { includePermalink: false, ...options },
	},
});

test('a thread the replies left cannot hold is refused whole, before anything is sent', async () => {
	const result = await rig.run([thread('Too long', 4)]);
	const [item] = result.items('Threads');
	assert.match(
		String(item.json.error),
		/^Publishing quota too low for this thread: it needs 1 post and 3 replies, and only 2 replies of the 1000 replies allowed per 24 hours are left\. Nothing of this thread was sent\./,
	);
	assert.deepEqual(rig.requests(), ['GET publishingLimit']);
	assert.equal(checkChain(rig.sandbox, texts('Too long', 4)).missing, 4);
});

test('several threads share the quota in input order: the ones beyond it are refused up front', async () => {
	const result = await rig.run(
		[thread('={{ $json.name }}', 2)],
		[{ name: 'Fits A' }, { name: 'Fits B' }, { name: 'Beyond C' }],
	);
	const [a, b, c] = result.items('Threads');
	assert.equal(a.json.parts, 2);
	assert.equal(b.json.parts, 2);
	assert.match(String(c.json.error), /^Publishing quota too low for this thread: .* only 0 replies .* after the earlier items of this run/);
	assert.equal(checkChain(rig.sandbox, texts('Beyond C', 2)).missing, 2);
	assert.equal(rig.requests().filter((r) => r === 'GET publishingLimit').length, 1, 'read once');
});

test('a thread from all input items is checked the same way, before anything is sent', async () => {
	const result = await rig.run(
		[{ ...thread('', 1), parameters: { resource: 'post', operation: 'publishThread', threadSource: 'inputItems', partText: '={{ $json.text }}' } }],
		[{ text: 'Items root' }, { text: 'Items reply' }],
	);
	const [item] = result.items('Threads');
	assert.deepEqual(item.pairedItem, [{ item: 0 }, { item: 1 }]);
	assert.match(String(item.json.error), /^Publishing quota too low for this thread: it needs 1 post and 1 reply, and only 0 replies/);
	assert.deepEqual(rig.requests(), ['GET publishingLimit']);
});

test('with the check off, Threads refuses the reply beyond the quota and the error names the parts already out', async () => {
	rig.sandbox.clock.advance(60_000);
	const result = await rig.run([thread('Unchecked', 3, { checkQuota: false })]);
	const [item] = result.items('Threads');
	assert.ok(!rig.requests().includes('GET publishingLimit'));
	assert.match(String(item.json.error), /^The thread stopped at part 2 of 3: The Threads publishing limit for the last 24 hours is reached/);
	const chain = checkChain(rig.sandbox, texts('Unchecked', 3));
	assert.deepEqual(item.json.publishedIds, [chain.posts[0]?.id]);
	assert.equal(chain.missing, 2);
});
