// The example workflows in examples/ run as exported, against the sandbox.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { type WorkflowJson, repoRoot, runWorkflow } from '../helpers/n8n-engine.mts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
after(async () => await rig.close());

function example(name: string): WorkflowJson {
	const workflow = JSON.parse(
		readFileSync(path.join(repoRoot, 'examples', name), 'utf8'),
	) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.threadsOAuth2Api) node.credentials.threadsOAuth2Api = rig.ref;
	}
	return workflow;
}

test('container-create-status-publish.json: Create Container -> Get Container Status -> Publish Container', async () => {
	const result = await runWorkflow(example('container-create-status-publish.json'), {
		credentials: rig.store,
	});
	assert.equal(result.error, undefined, result.error?.message);
	const [created] = result.output('Create Container');
	const [published] = result.output('Publish Container');
	assert.equal(published.containerId, created.id);
	const post = rig.sandbox.published().find((p) => p.id === published.id);
	assert.equal(post?.mediaType, 'IMAGE');
	assert.equal(published.permalink, post?.permalink);
});

test('carousel-from-items.json: three items become one carousel post', async () => {
	const result = await runWorkflow(example('carousel-from-items.json'), { credentials: rig.store });
	assert.equal(result.error, undefined, result.error?.message);
	assert.equal(result.output('Create Carousel Items').length, 3);
	const [published] = result.output('Publish Container');
	const post = rig.sandbox.published().find((p) => p.id === published.id);
	assert.equal(post?.mediaType, 'CAROUSEL_ALBUM');
	assert.equal(post?.childrenContainerIds?.length, 3);
});

test('carousel-publish-in-one-step.json: a carousel defined in the node, published in one step', async () => {
	const result = await runWorkflow(example('carousel-publish-in-one-step.json'), {
		credentials: rig.store,
	});
	assert.equal(result.error, undefined, result.error?.message);
	const [published] = result.output('Publish Carousel');
	const post = rig.sandbox.published().find((p) => p.id === published.id);
	assert.equal(post?.mediaType, 'CAROUSEL_ALBUM');
	assert.equal((published.childContainerIds as string[]).length, 2);
});
