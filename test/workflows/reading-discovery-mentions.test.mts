// Discovery > Get Mentions: posts by others that mention the connected account.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('lists the posts mentioning @sandbox_user, newest first', async () => {
	await rig.post('I am @sandbox_user, mentioning myself does not count');
	const { output, error, requests } = await rig.run({ resource: 'discovery', operation: 'getMentions', returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((p) => p.text), [
		'Hey @sandbox_user, have you tried the new n8n node?',
		'Shout-out to @sandbox_user for testing the API with us.',
	]);
	assert.ok(output.every((p) => p.username === 'public_creator'));
	assert.equal(requests[0].path, '/v1.0/me/mentions');
});
