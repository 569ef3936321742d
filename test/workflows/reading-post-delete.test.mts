// Post > Delete: deletes an own post (by ID or URL); it then no longer lists.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('deletes a post by ID', async () => {
	const keep = await rig.post('keep me');
	const doomed = await rig.post('delete me');
	const { output, error, requests } = await rig.run({ resource: 'post', operation: 'delete', postId: byId(doomed.id) });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ success: true, deleted_id: doomed.id }]);
	assert.deepEqual(requests.map((r) => `${r.method} ${r.path}`), [`DELETE /v1.0/${doomed.id}`]);
	const left = await rig.api('GET', '/me/threads', { fields: 'id' });
	assert.deepEqual((left.data as Array<{ id: string }>).map((p) => p.id), [keep.id]);
	assert.equal(rig.sandbox.published().find((p) => p.id === doomed.id)?.deleted, true);
});

test('deletes a post by its URL', async () => {
	const doomed = await rig.post('delete me by URL');
	const { output, error } = await rig.run({ resource: 'post', operation: 'delete', postId: byUrl(doomed.permalink) });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ success: true, deleted_id: doomed.id }]);
});

test('version 2 answers like n8n\'s own nodes: { deleted: true, id }', async () => {
	const doomed = await rig.post('delete me, version 2');
	const { output, error } = await rig.run({ resource: 'post', operation: 'delete', postId: byId(doomed.id) }, { node: { typeVersion: 2 } });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ deleted: true, id: doomed.id }]);
});
