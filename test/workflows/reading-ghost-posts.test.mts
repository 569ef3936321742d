// Post > Get Many Ghost Posts: the account's ghost posts, with their status and expiry; regular posts stay out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { DAY, type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('lists ghost posts only, active within 24 hours and archived after', async () => {
	await rig.post('a regular post');
	const ghost = await rig.post('a ghost post', { is_ghost_post: true });
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'getGhostPosts', returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	assert.equal(output[0].id, ghost.id);
	assert.equal(output[0].text, 'a ghost post');
	assert.equal(output[0].ghost_post_status, 'active');
	assert.match(String(output[0].ghost_post_expiration_timestamp), /^\d{4}-/);
	assert.equal(requests[0].path, '/v1.0/me/ghost_posts');

	rig.sandbox.clock.advance(DAY);
	const later = await rig.run({ resource: 'post', operation: 'getGhostPosts', returnAll: true });
	assert.equal(later.output[0].ghost_post_status, 'archived');

	const regular = await rig.run({ resource: 'post', operation: 'getAll', returnAll: true });
	assert.deepEqual(regular.output.map((p) => p.text), ['a regular post']);
});
