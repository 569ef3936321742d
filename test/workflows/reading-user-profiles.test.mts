// User > Get My Profile, Look Up Public Profile, Get Public Profile Posts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('Get My Profile: every profile field by default', async () => {
	const { output, error, requests } = await rig.run({ resource: 'user', operation: 'getMe' });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [
		{
			id: rig.sandbox.user.id,
			username: 'sandbox_user',
			name: 'Sandbox User',
			threads_profile_picture_url: 'https://sandbox.threads.local/pictures/sandbox_user.jpg',
			threads_biography: 'Default account of the local Threads sandbox',
			is_verified: false,
			is_eligible_for_geo_gating: true,
		},
	]);
	assert.equal(requests[0].path, '/v1.0/me');
});

test('Look Up Public Profile accepts a profile URL and returns followers and engagement', async () => {
	const { output, error, requests } = await rig.run({
		resource: 'user',
		operation: 'lookUpProfile',
		username: 'https://www.threads.net/@public_creator',
	});
	assert.equal(error, undefined, error?.message);
	assert.equal(output[0].username, 'public_creator');
	assert.equal(output[0].follower_count, 150);
	assert.equal(output[0].is_verified, true);
	assert.equal(typeof output[0].likes_count, 'number');
	assert.equal(requests[0].path, '/v1.0/profile_lookup');
	assert.equal(requests[0].query.username, 'public_creator');
});

test('Look Up Public Profile of an account under 100 followers reports what Threads said', async () => {
	const { error } = await rig.run({ resource: 'user', operation: 'lookUpProfile', username: '@small_account' });
	assert.ok(error);
	assert.match(error.message, /username/);
	assert.match(error.description ?? '', /at least 100 followers/);
});

test('Get Public Profile Posts: newest first, limited', async () => {
	const { output, error, requests } = await rig.run({ resource: 'user', operation: 'getProfilePosts', username: 'public_creator', limit: 4 });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 4);
	assert.ok(output.every((p) => p.username === 'public_creator'));
	const times = output.map((p) => Date.parse(String(p.timestamp)));
	assert.deepEqual(times, [...times].sort((a, b) => b - a));
	assert.equal(requests[0].path, '/v1.0/profile_posts');
	assert.equal(requests[0].query.limit, '4');
});
