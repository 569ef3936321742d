// Reply > Hide / Unhide: a reply under an own post is hidden, then shown again; hide_status follows.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

async function hideStatus(postId: string, replyId: string): Promise<unknown> {
	const replies = await rig.api('GET', `/${postId}/replies`, { fields: 'id,hide_status' });
	return (replies.data as Array<Record<string, string>>).find((r) => r.id === replyId)?.hide_status;
}

test('hides and unhides a reply', async () => {
	const post = await rig.post('Be nice in the replies');
	const replyId = rig.sandbox.simulateReply({ to: post.id, text: 'Something rude' });

	const hidden = await rig.run({ resource: 'reply', operation: 'hide', replyId: byId(replyId) });
	assert.equal(hidden.error, undefined, hidden.error?.message);
	assert.deepEqual(hidden.output, [{ success: true, id: replyId, hidden: true }]);
	assert.deepEqual(hidden.requests.map((r) => `${r.method} ${r.path} hide=${r.body.hide}`), [`POST /v1.0/${replyId}/manage_reply hide=true`]);
	assert.equal(await hideStatus(post.id, replyId), 'HIDDEN');

	const shown = await rig.run({ resource: 'reply', operation: 'unhide', replyId: byId(replyId) });
	assert.deepEqual(shown.output, [{ success: true, id: replyId, hidden: false }]);
	assert.equal(await hideStatus(post.id, replyId), 'UNHUSHED');
});

test("a reply in someone else's conversation cannot be hidden: the error gives both possible reasons", async () => {
	const creator = await rig.api('GET', '/profile_posts', { username: 'public_creator', fields: 'id', limit: 100 });
	const postIds = (creator.data as Array<{ id: string }>).map((p) => p.id);
	let replyId = '';
	for (const id of postIds) {
		const replies = await rig.api('GET', `/${id}/replies`, { fields: 'id' });
		if ((replies.data as unknown[]).length) replyId = (replies.data as Array<{ id: string }>)[0].id;
	}
	const { error } = await rig.run({ resource: 'reply', operation: 'hide', replyId: byId(replyId) });
	assert.ok(error);
	assert.match(error.message, /threads_manage_replies/);
	assert.match(error.description ?? '', /not in a conversation started by the connected account/);
});
