// Post > Repost: reposts someone else's post (by URL here); the repost shows in the account's posts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('reposts a public post given by URL', async () => {
	const creatorPosts = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id,permalink', limit: 1 });
	const target = (creatorPosts.data as Array<Record<string, string>>)[0];
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'repost', postId: byUrl(target.permalink) });
	assert.equal(error, undefined, error?.message);
	assert.equal(output.length, 1);
	assert.match(String(output[0].id), /^\d+$/);
	assert.equal(output[0].reposted_post_id, target.id);
	assert.equal(requests.at(-1)?.path, `/v1.0/${target.id}/repost`);

	const mine = await rig.run({ resource: 'post', operation: 'getAll', limit: 5, options: { fields: ['media_type', 'reposted_post'] } });
	assert.deepEqual(mine.output, [{ id: output[0].id, media_type: 'REPOST_FACADE', reposted_post_id: target.id }]);
});
