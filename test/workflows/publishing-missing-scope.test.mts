// A post that tags a location or shares to Instagram needs those permissions too: a token without them is told which.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';
import { EVERY_SCOPE } from '../helpers/tokens.mts';

const ALL_SCOPES = EVERY_SCOPE;

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

const publish = (options: Record<string, unknown>) => ({
	resource: 'post',
	operation: 'publish',
	mediaType: 'TEXT',
	text: 'tagged',
	options: { includePermalink: false, ...options },
});

const cases = [
	{ name: 'a location tag', options: { locationId: '107000000000001' }, dropped: 'threads_location_tagging' },
	{ name: 'sharing to Instagram', options: { shareToInstagram: true }, dropped: 'threads_share_to_instagram' },
];

for (const { name, options, dropped } of cases) {
	test(`${name} without ${dropped}: the message names it`, async () => {
		const token = rig.sandbox.issueToken({ scopes: ALL_SCOPES.filter((scope) => scope !== dropped) });
		const credential = rig.addCredential(`without ${dropped}`, token);
		const { error } = await rig.run(publish(options), { credential });
		assert.ok(error, 'the publish must fail');
		assert.equal(error.message, `The Threads token lacks the "threads_content_publish" and "${dropped}" permission`);
		assert.match(error.description ?? '', new RegExp(`Add "threads_content_publish" and "${dropped}"`));
	});
}

test('with every scope the same posts go through', async () => {
	const token = rig.sandbox.issueToken({ scopes: ALL_SCOPES });
	const credential = rig.addCredential('every scope', token);
	for (const { options } of cases) {
		const { error } = await rig.run(publish(options), { credential });
		assert.equal(error, undefined, error?.message);
	}
});
