// examples/poll-mentions-to-webhook.json as shipped (credential rebound), active in n8n's engine: each
// new mention is POSTed once to the webhook URL. The HTTP Request node is a stand-in that records
// what it would send.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { type Rig, startRig } from '../helpers/fixtures.mts';
import { type WorkflowJson, repoRoot } from '../helpers/n8n-engine.mts';
import { PollHarness } from '../helpers/poll-engine.mts';

const sent: Array<{ method: string; url: string; body: IDataObject }> = [];
const httpRequest = {
	description: {
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		version: [4, 4.1, 4.2],
		description: '',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Send Body', name: 'sendBody', type: 'boolean', default: false },
			{ displayName: 'Specify Body', name: 'specifyBody', type: 'string', default: 'keypair' },
			{ displayName: 'JSON', name: 'jsonBody', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	},
	async execute(this: IExecuteFunctions) {
		return [
			this.getInputData().map((_, index) => {
				const request = {
					method: this.getNodeParameter('method', index) as string,
					url: this.getNodeParameter('url', index) as string,
					body: JSON.parse(this.getNodeParameter('jsonBody', index) as string) as IDataObject,
				};
				sent.push(request);
				return { json: { ok: true }, pairedItem: { item: index } };
			}),
		];
	},
} as unknown as INodeType;

let rig: Rig;
let trigger: PollHarness;
before(async () => {
	rig = await startRig();
	const workflow = JSON.parse(
		readFileSync(path.join(repoRoot, 'examples', 'poll-mentions-to-webhook.json'), 'utf8'),
	) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.threadsOAuth2Api) node.credentials.threadsOAuth2Api = rig.ref;
	}
	trigger = new PollHarness(workflow, rig.store, { 'n8n-nodes-base.httpRequest': httpRequest });
});
after(async () => await rig.close());

test('activated, it sends nothing old; then each new mention once, oldest first, to the URL', async () => {
	assert.equal((await trigger.activate()).emitted, null, 'the seeded mentions are old');
	rig.sandbox.clock.advance(60_000);
	const ids = rig.sandbox.inject.mentions({ text: 'Mention {n} of @sandbox_user', count: 3, stepMs: 1000 });
	await trigger.poll();
	rig.sandbox.clock.advance(60_000);
	assert.equal((await trigger.poll()).emitted, null);
	assert.deepEqual(
		sent.map((request) => request.body.id),
		ids,
	);
	assert.ok(sent.every((request) => request.method === 'POST' && request.url === 'https://example.com/threads-mentions'));
	assert.deepEqual(Object.keys(sent[0].body).sort(), ['id', 'permalink', 'text', 'timestamp', 'username']);
	assert.equal(sent[0].body.text, 'Mention 1 of @sandbox_user');
	assert.equal(sent[0].body.username, 'public_creator');
});

test('a manual run shows the latest mention as the sample to map from', async () => {
	const sample = await trigger.manual();
	assert.equal(sample?.[0].json.text, 'Mention 3 of @sandbox_user');
	assert.equal(sample?.[0].json.source, 'mention');
});
