// Version 2 usernames: a locator By Username or By URL, read like version 1's text field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

const V2 = { node: { typeVersion: 2 } };

function byUsername(value: string) {
	return { __rl: true, mode: 'username', value };
}

test('Look Up Public Profile: by username and by profile URL', async () => {
	for (const username of [byUsername('@public_creator'), { __rl: true, mode: 'url', value: 'https://www.threads.com/@public_creator' }]) {
		const { output, error, requests } = await rig.run({ resource: 'profile', operation: 'lookUpProfile', username }, V2);
		assert.equal(error, undefined, error?.message);
		assert.equal(output[0].username, 'public_creator');
		assert.equal(requests[0].query.username, 'public_creator');
	}
});

test('Get Public Profile Posts: by username', async () => {
	const { output, error, requests } = await rig.run(
		{ resource: 'profile', operation: 'getProfilePosts', username: byUsername('public_creator'), limit: 2 },
		V2,
	);
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 2);
	assert.equal(requests[0].path, '/v1.0/profile_posts');
	assert.equal(requests[0].query.username, 'public_creator');
});

test("Search Posts: the author locator narrows the search; an empty one doesn't", async () => {
	const narrowed = await rig.run(
		{ resource: 'search', operation: 'searchPosts', query: 'Paris', returnAll: true, options: { authorUsername: byUsername('public_creator') } },
		V2,
	);
	assert.equal(narrowed.error, undefined, narrowed.error?.message);
	assert.equal(narrowed.requests[0].query.author_username, 'public_creator');

	const open = await rig.run(
		{ resource: 'search', operation: 'searchPosts', query: 'Paris', returnAll: true, options: { authorUsername: byUsername('') } },
		V2,
	);
	assert.equal(open.error, undefined, open.error?.message);
	assert.equal(open.requests[0].query.author_username, undefined);
});
