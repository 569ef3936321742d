// Reply > Get My Replies: the replies the connected account wrote, newest first; its posts are not in it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('lists own replies with the post they answer', async () => {
	const creator = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id', limit: 2 });
	const [first, second] = (creator.data as Array<{ id: string }>).map((p) => p.id);
	await rig.post('my own post');
	const a = await rig.post('first answer', { reply_to_id: first });
	const b = await rig.post('second answer', { reply_to_id: second });
	const { output, error, requests } = await rig.run({ resource: 'reply', operation: 'getMine', returnAll: true });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output.map((r) => r.id), [b.id, a.id]);
	assert.deepEqual(output.map((r) => r.replied_to_id), [second, first]);
	assert.deepEqual(output.map((r) => r.text), ['second answer', 'first answer']);
	assert.equal(requests[0].path, '/v1.0/me/replies');
});
