// examples/trigger-reply-to-questions.json: Threads Trigger (replies) -> IF text contains "?" -> Threads Reply.
// The IF node is n8n's own (not in this engine): its condition is checked here, and the whole workflow runs
// in a real n8n in test/e2e/webhook-trigger.test.mts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
	THREADS_NODE_TYPE,
	THREADS_TRIGGER_NODE_TYPE,
	type WorkflowJson,
	repoRoot,
	runWorkflow,
} from '../helpers/n8n-engine.mts';
import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';
import { TriggerRig } from '../helpers/webhook-engine.mts';

const FILE = 'trigger-reply-to-questions.json';
let rig: ReadingRig;
let example: WorkflowJson;

before(async () => {
	rig = await startReadingRig();
	example = JSON.parse(readFileSync(path.join(repoRoot, 'examples', FILE), 'utf8')) as WorkflowJson;
	for (const node of example.nodes) {
		if (node.credentials?.threadsOAuth2Api) node.credentials.threadsOAuth2Api = rig.ref;
	}
});
after(async () => await rig.close());

const node = (type: string) => {
	const found = example.nodes.find((n) => n.type === type);
	assert.ok(found, `${FILE} has no ${type} node`);
	return found;
};

test(`${FILE}: a Threads Trigger on replies, an IF on "?" in the text, a Reply to the reply`, () => {
	const trigger = node(THREADS_TRIGGER_NODE_TYPE);
	assert.deepEqual(trigger.parameters.events, ['replies']);
	assert.ok(trigger.webhookId, 'the trigger needs a webhookId for its production URL');
	const ifNode = node('n8n-nodes-base.if');
	const [condition] = (
		ifNode.parameters.conditions as { conditions: Array<Record<string, unknown>> }
	).conditions;
	assert.equal(condition.leftValue, "={{ $json.text ?? '' }}");
	assert.equal(condition.rightValue, '?');
	assert.deepEqual(condition.operator, { type: 'string', operation: 'contains' });
	const reply = node(THREADS_NODE_TYPE);
	assert.deepEqual([reply.parameters.resource, reply.parameters.operation], ['reply', 'create']);
	assert.deepEqual(example.connections[trigger.name].main[0]?.[0]?.node, ifNode.name);
	assert.deepEqual(example.connections[ifNode.name].main[0]?.[0]?.node, reply.name);
	assert.doesNotMatch(
		String(reply.parameters.text),
		/\?/,
		'an answer with "?" would answer itself',
	);
});

test(`${FILE}: the trigger's item feeds the Reply node, which answers the reply in the sandbox`, async () => {
	const trigger = node(THREADS_TRIGGER_NODE_TYPE);
	const parent = await rig.post('New product out today');
	const replyId = rig.sandbox.simulateReply({ to: parent.id, text: 'How much is it?' });
	const webhook = new TriggerRig({
		store: rig.store,
		credential: rig.ref,
		parameters: trigger.parameters,
		workflowId: 'example',
	});
	assert.equal(await webhook.lifecycle('create'), true, 'the example activates as shipped');
	const body = {
		app_id: '1',
		topic: 'moderate',
		target_id: parent.id,
		time: 1723226877,
		subscription_id: '2',
		has_uid_field: false,
		values: {
			field: 'replies',
			value: {
				id: replyId,
				username: 'curious',
				text: 'How much is it?',
				replied_to: { id: parent.id },
				root_post: { id: parent.id },
			},
		},
	};
	const delivered = await webhook.deliver(body, rig.sandbox.app.clientSecret);
	assert.equal(delivered.items.length, 1);
	assert.ok(String(delivered.items[0].text).includes('?'));

	// Trigger -> Reply, the IF left out (its true branch passes the item unchanged).
	const reply = node(THREADS_NODE_TYPE);
	const workflow: WorkflowJson = {
		nodes: [trigger, reply],
		connections: { [trigger.name]: { main: [[{ node: reply.name, type: 'main', index: 0 }]] } },
	};
	const result = await runWorkflow(workflow, {
		credentials: rig.store,
		pinData: { [trigger.name]: delivered.items },
		mode: 'webhook',
	});
	assert.equal(result.error, undefined, result.error?.message);
	const [answer] = result.output(reply.name);
	const post = rig.sandbox.published().find((p) => p.id === answer.id);
	assert.equal(post?.replyToId, replyId);
	assert.equal(post?.text, 'Thanks for asking, @curious. We will get back to you soon.');
});
