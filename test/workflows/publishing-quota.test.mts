// Before a batch the node reads the publishing quota once and refuses the items beyond it up front.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;

/** Uses up the account's posts quota but `left`, straight through the sandbox's API. */
async function fillPostQuota(left: number): Promise<void> {
	const token = rig.sandbox.issueToken();
	for (let n = 0; n < 250 - left; n++) {
		const url = new URL(`${rig.sandbox.url}/v1.0/me/threads`);
		url.search = new URLSearchParams({
			media_type: 'TEXT',
			text: `filler ${n}`,
			auto_publish_text: 'true',
			access_token: token,
		}).toString();
		const response = await fetch(url, { method: 'POST' });
		assert.equal(response.status, 200);
	}
}

before(async () => {
	rig = await startPublishingRig();
	await fillPostQuota(2);
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

const batch = (continueOnFail: boolean) => ({
	name: 'Threads',
	parameters: {
		resource: 'post',
		operation: 'publish',
		mediaType: 'TEXT',
		text: '={{ $json.text }}',
		options: { replyToId: '={{ $json.replyTo ?? "" }}', includePermalink: false },
	},
	continueOnFail,
});

test('without continue-on-fail the batch stops before anything is created', async () => {
	const result = await rig.run(
		[batch(false)],
		[1, 2, 3].map((n) => ({ text: `stopped ${n}` })),
	);
	assert.ok(result.error);
	assert.match(
		result.error.message,
		/^Publishing quota reached: Threads allows 250 posts per 24 hours, 248 are used/,
	);
	assert.deepEqual(rig.requests(), ['GET publishingLimit']);
	assert.equal(rig.sandbox.published().filter((p) => p.text.startsWith('stopped')).length, 0);
});

test('with continue-on-fail the items within the quota are published and the rest fail clearly', async () => {
	const parent = rig.sandbox.published()[0].id;
	const input = [
		{ text: 'batch 1' },
		{ text: 'batch 2' },
		{ text: 'batch reply', replyTo: parent },
		{ text: 'batch 3' },
		{ text: 'batch 4' },
	];
	const result = await rig.run([batch(true)], input);
	assert.equal(result.error, undefined, result.error?.message);
	const out = result.items('Threads');
	assert.deepEqual(
		out.map((item) => item.pairedItem),
		input.map((_, item) => ({ item })),
	);
	assert.equal(typeof out[0].json.id, 'string');
	assert.equal(typeof out[1].json.id, 'string');
	assert.equal(typeof out[2].json.id, 'string', 'replies use their own quota');
	for (const refused of [out[3], out[4]]) {
		assert.match(
			String(refused.json.error),
			/^Publishing quota reached: .* This item was not sent\./,
		);
	}
	assert.equal(rig.requests()[0], 'GET publishingLimit');
	assert.equal(
		rig.requests().filter((r) => r === 'POST createContainer').length,
		3,
		'no container for refused items',
	);
	assert.equal(rig.sandbox.published().filter((p) => /^batch [34]$/.test(p.text)).length, 0);
});
