import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { type Rig, startRig } from '../helpers/fixtures.mts';

let rig: Rig;
before(async () => {
	rig = await startRig();
});
after(async () => await rig.close());

test('a text post goes from a manual trigger to a published Threads post', async () => {
	const result = await runWorkflow(
		threadsWorkflow({ resource: 'post', operation: 'publish', text: 'Hello from n8n' }, rig.ref),
		{ credentials: rig.store },
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.match(String(out.id), /^\d+$/);
	const published = rig.sandbox.published();
	assert.equal(published.length, 1);
	assert.equal(published[0].text, 'Hello from n8n');
	assert.equal(published[0].id, out.id);
});
