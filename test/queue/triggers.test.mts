/**
 * The package's two triggers in n8n's queue mode: webhooks and polls are received by main, the
 * executions they start run on the workers. The Threads Trigger (examples/trigger-reply-to-
 * questions.json) gets the sandbox's signed deliveries at main's production URL; the Poll Trigger
 * keeps its watermark in the workflow's static data (PostgreSQL) across polls while what it emits
 * is processed by one worker, then (the first one stopped) by the other. About two minutes of n8n's
 * minute ticks (polls are at least a minute apart in n8n 2.40).
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { importWorkflows } from '../../scripts/n8n/cli.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/sandbox-credential.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_PACKAGE, THREADS_TRIGGER_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import { bindCredential, nodeOutput, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import {
	activateWorkflow,
	executionRows,
	type ExecutionRow,
	log,
	type QueueRig,
	savedRun,
	startQueueRig,
	repoRoot,
	timed,
	waitForExecutions,
	workersOf,
} from '../helpers/queue-rig.mts';
import { waitFor } from '../helpers/wait-for.mts';

const CREDENTIAL_ID = 'queueTrigCred001';
const WEBHOOK_WORKFLOW_ID = 'queueTrigReply01';
const POLL_WORKFLOW_ID = 'queueTrigPoll001';
const POLL_NODE = 'New Mention';
const VERIFY_TOKEN = `verify-${randomBytes(12).toString('hex')}`;

let rig: QueueRig;
let callbackUrl: string;
let firstRound: string[];

function webhookWorkflow(): { workflow: WorkflowJson; webhookId: string } {
	const file = path.join(repoRoot, 'examples', 'trigger-reply-to-questions.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
	workflow.id = WEBHOOK_WORKFLOW_ID;
	bindCredential(workflow, { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE });
	const trigger = workflow.nodes.find((node) => node.type === THREADS_TRIGGER_NODE_TYPE)!;
	(trigger.parameters as Record<string, unknown>).verifyToken = VERIFY_TOKEN;
	return { workflow, webhookId: String(trigger.webhookId) };
}

const pollWorkflow: WorkflowJson = {
	id: POLL_WORKFLOW_ID,
	name: 'Queue: new mentions',
	nodes: [
		{
			id: 'poll',
			name: POLL_NODE,
			type: `${THREADS_PACKAGE}.threadsPollTrigger`,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'mention', options: {} },
			credentials: { [THREADS_CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME } },
		},
	],
	connections: {},
};

/** The workflow is live once Meta's verification GET at the production URL is answered 200 (404 before). */
async function webhookLive(): Promise<void> {
	const url = new URL(callbackUrl);
	url.search = new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.challenge': '42', 'hub.verify_token': VERIFY_TOKEN }).toString();
	await waitFor('the Threads Trigger webhook at main', 90_000, async () => ((await fetch(url)).status === 200 ? true : undefined));
}

/** Waits until the sandbox has no delivery pending and the workflow's executions stop changing. */
async function settled(workflowId: string): Promise<ExecutionRow[]> {
	let previous = '';
	return await waitFor(`executions of ${workflowId} to settle`, 90_000, async () => {
		await rig.sandbox.webhooks.flush();
		const rows = executionRows(rig, workflowId);
		const now = JSON.stringify(rows);
		const done = rows.every((row) => !['new', 'running', 'waiting'].includes(row.status)) && now === previous;
		previous = now;
		return done ? rows : undefined;
	}, 2000);
}

const mentionPolls = () => rig.sandbox.log.filter((entry) => entry.operation === 'getMentions').length;

/** The poll trigger's watermark of the mentions list, as saved in workflow_entity.staticData. */
function savedWatermark(): { ts: number; ids: string[] } | undefined {
	const text = rig.cluster.postgres.sql('n8n', `select "staticData" from workflow_entity where id = '${POLL_WORKFLOW_ID}'`).trim();
	const staticData = (text ? JSON.parse(text) : {}) as Record<string, { threadsPoll?: { sources?: Record<string, { mark: { ts: number; ids: string[] } }> } }>;
	const sources = Object.values(staticData[`node:${POLL_NODE}`]?.threadsPoll?.sources ?? {});
	return sources[0]?.mark;
}

/** The next execution of the poll workflow after `afterId`: what it emitted, where it ran, the watermark saved. */
async function nextEmission(afterId: number): Promise<{ id: number; items: string[]; worker: string }> {
	const [execution] = await waitForExecutions(rig, POLL_WORKFLOW_ID, 1, afterId, 90_000);
	assert.equal(execution.status, 'success');
	const worker = (await workersOf(rig, [execution.id])).get(execution.id)!;
	assert.notEqual(worker, 'no worker', `poll execution ${execution.id} ran on no worker`);
	const items = nodeOutput(savedRun(rig, execution.id)!, POLL_NODE).map((item) => String(item.id));
	const mark = await waitFor('the watermark saved', 10_000, () => {
		const saved = savedWatermark();
		return saved?.ids.includes(items.at(-1)!) ? saved : undefined;
	});
	log(`poll ${mentionPolls()}: emitted ${items.length} on ${worker}, watermark at ${mark.ts} with ${mark.ids.length} ids`);
	return { id: execution.id, items, worker };
}

describe('queue mode: the Threads triggers received by main, run on the workers', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		rig = await startQueueRig({ name: 'triggers' });
		await importSandboxCredential(rig.cluster.mainOptions, rig.sandbox, CREDENTIAL_ID, rig.sandbox.issueToken({ kind: 'long' }));
		const { workflow, webhookId } = webhookWorkflow();
		await importWorkflows(rig.cluster.mainOptions, [pollWorkflow, workflow]);
		const client = await rig.login();
		// the poll trigger first: its minute ticks run while the webhook test does
		await activateWorkflow(client, POLL_WORKFLOW_ID);
		await activateWorkflow(client, WEBHOOK_WORKFLOW_ID);
		callbackUrl = `${rig.cluster.main.url}/webhook/${webhookId}/webhook`;
		await webhookLive();
		await rig.sandbox.webhooks.subscribe({ callbackUrl, verifyToken: VERIFY_TOKEN, fields: ['replies'] });
		// Mentions made after the activation poll (which only marks the seeded ones as seen) are new:
		// the first of them now, so the minute tick that finds them may come while the webhook test runs.
		await waitFor('the activation poll', 60_000, () => (mentionPolls() > 0 ? true : undefined));
		firstRound = rig.sandbox.inject.mentions({ text: 'queue mention 1.{n} @sandbox_user', count: 3 });
	});

	after(async () => {
		await rig?.stop();
	});

	it('a signed delivery to main runs the workflow once, on a worker, and a repeat of it runs nothing', async () => {
		await timed('webhook in queue mode', async () => {
			const root = rig.sandbox.inject.posts({ text: 'Our new plan is out' })[0];
			const question = rig.sandbox.simulateReply({ to: root, text: 'Is there a discount?' });
			const runs = await settled(WEBHOOK_WORKFLOW_ID);
			const delivery = rig.sandbox.webhooks.list().deliveries.find((d) => d.body.includes(`"id":"${question}"`));
			assert.ok(delivery?.delivered, 'the sandbox delivered the reply event to main');

			// Meta's retry: the same bytes and signature again
			const repeat = await fetch(callbackUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${signatureOf(delivery.body)}` },
				body: delivery.body,
			});
			assert.equal(repeat.status, 200, 'a repeat is acknowledged');
			const all = await settled(WEBHOOK_WORKFLOW_ID);

			const forQuestion = all.filter((row) => nodeOutput(savedRun(rig, row.id)!, 'Threads Trigger')[0]?.postId === question);
			assert.equal(forQuestion.length, 1, `the question ran ${forQuestion.length} times`);
			const [execution] = forQuestion;
			assert.equal(execution.status, 'success');
			const workers = await workersOf(rig, all.map((row) => row.id));
			const worker = workers.get(execution.id);
			assert.ok(![...workers.values()].includes('no worker'), `executions on no worker: ${JSON.stringify([...workers])}`);
			const answers = rig.sandbox.published().filter((post) => post.replyToId === question);
			assert.equal(answers.length, 1, 'the Reply node answered once');
			log(`webhook in queue mode: execution ${execution.id} on ${worker}, ${runs.length} of ${all.length} executions before the repeat, replies 1`);
		});
	});

	it("the poll trigger's items come out once each, on either worker, its watermark kept in PostgreSQL", async () => {
		await timed('poll in queue mode', async () => {
			const first = await nextEmission(0);
			// the next emission must run on the other worker
			const index = rig.cluster.workers.findIndex((worker) => worker.name === first.worker);
			await rig.cluster.workers[index].process.stop();
			const secondRound = rig.sandbox.inject.mentions({ text: 'queue mention 2.{n} @sandbox_user', count: 2 });
			const second = await nextEmission(first.id);
			assert.notEqual(second.worker, first.worker);

			const injected = [...firstRound, ...secondRound];
			const emitted = [...first.items, ...second.items];
			const duplicates = emitted.length - new Set(emitted).size;
			const polls = mentionPolls();
			log(`poll in queue mode: emitted ${new Set(emitted).size} of ${injected.length}, duplicates ${duplicates}, polls ${polls}`);
			assert.deepEqual(emitted, injected, 'every injected mention once, oldest first');
			assert.equal(duplicates, 0);
			assert.equal(executionRows(rig, POLL_WORKFLOW_ID).length, 2, 'one execution per poll that found something');
			assert.ok(polls >= 3, `polls ${polls}`);
			assert.ok(savedWatermark()?.ids.includes(secondRound.at(-1)!), 'no worker wrote an older watermark back');
		});
	});
});

function signatureOf(body: string): string {
	return createHmac('sha256', rig.sandbox.app.clientSecret).update(body).digest('hex');
}
