/**
 * The token races across processes, in n8n's queue mode: one credential authorized with a code,
 * its first runs started together on both workers; then every process's clock and the sandbox's
 * moved 8 days on so the refresh is due, and 50 webhook-started executions at once, spread over both
 * workers. The sandbox retires a token as soon as it is refreshed (refreshInvalidatesOld, the
 * pessimistic case). Every write of the credential is recorded by a PostgreSQL trigger and
 * decrypted with the cluster's key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { importCredentials, importWorkflows } from '../../scripts/n8n/cli.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import type { WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { credentialWrites, recordCredentialWrites, staleWrites, storedCredential, writtenTokens } from '../helpers/credential-audit.mts';
import { type SharedClock, sharedClock } from '../helpers/queue-clock.mts';
import {
	activateWorkflow,
	executionError,
	executionRows,
	type ExecutionRow,
	log,
	type QueueRig,
	runsPerWorker,
	startQueueRig,
	timed,
	waitForExecutions,
	waitForWebhookPath,
} from '../helpers/queue-rig.mts';
import { tokenWorks } from '../helpers/tokens.mts';

const DAY = 24 * 60 * 60 * 1000;
const CREDENTIAL_ID = 'queueRaceCred001';
const CREDENTIAL_NAME = 'Threads (queue race)';
const WORKFLOW_ID = 'queueRaceTokens1';
const WEBHOOK_PATH = 'queue-race-token-info';
const REDIRECT_URI = 'https://example.com/threads/callback';
const BURST = 50;

const TOKEN_INFO = { resource: 'user', operation: 'getTokenInfo' };
const credentials = { [THREADS_CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

let rig: QueueRig;
let clock: SharedClock;
let encryptionKey: string;

const workflow: WorkflowJson = {
	id: WORKFLOW_ID,
	name: 'Queue race: token info',
	nodes: [
		{
			id: 'hook',
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: '7b0c2d4e-6f81-4a93-b5c7-d9e1f3a5b7c9',
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
		},
		{ id: 'info', name: 'Threads', type: THREADS_NODE_TYPE, typeVersion: 1, position: [200, 0], parameters: TOKEN_INFO, credentials },
	],
	connections: { Webhook: { main: [[{ node: 'Threads', type: 'main', index: 0 }]] } },
};

/** `count` production webhook calls at once; resolves with the executions they started, once finished. */
async function burst(count: number): Promise<ExecutionRow[]> {
	const lastId = executionRows(rig, WORKFLOW_ID).at(-1)?.id ?? 0;
	const statuses = await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const res = await fetch(`${rig.cluster.main.url}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ call: i }),
			});
			await res.arrayBuffer();
			return res.status;
		}),
	);
	assert.deepEqual(statuses.filter((status) => status !== 200), [], 'every webhook call accepted');
	return await waitForExecutions(rig, WORKFLOW_ID, count, lastId, 180_000);
}

function failures(executions: ExecutionRow[]): string[] {
	return executions.filter((e) => e.status !== 'success').map((e) => `${e.id} ${e.status}: ${executionError(rig, e.id)}`);
}

const stored = () => storedCredential(rig.cluster.postgres, CREDENTIAL_ID, encryptionKey);
const writes = () => credentialWrites(rig.cluster.postgres, CREDENTIAL_ID, encryptionKey);
const refreshes = () => rig.sandbox.log.filter((entry) => entry.operation === 'refreshToken');

describe('queue mode: executions on two workers refreshing one token at once', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		clock = sharedClock();
		rig = await startQueueRig({ name: 'race', concurrency: BURST / 2, env: clock.env });
		encryptionKey = rig.cluster.mainOptions.env!.N8N_ENCRYPTION_KEY;
		recordCredentialWrites(rig.cluster.postgres);
		const code = rig.sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		await importCredentials(rig.cluster.mainOptions, [
			{
				id: CREDENTIAL_ID,
				name: CREDENTIAL_NAME,
				type: THREADS_CREDENTIAL_TYPE,
				data: {
					apiBaseUrl: rig.sandbox.url,
					allowCustomHost: true,
					authFlow: 'authorizationCode',
					appId: rig.sandbox.app.clientId,
					appSecret: rig.sandbox.app.clientSecret,
					redirectUri: REDIRECT_URI,
					authorizationCodeSecret: `${REDIRECT_URI}?code=${code}&state=queue#_`,
					oauthState: 'queue',
				},
			},
		]);
		await importWorkflows(rig.cluster.mainOptions, [workflow]);
		await activateWorkflow(await rig.login(), WORKFLOW_ID);
		await waitForWebhookPath(rig, WEBHOOK_PATH);
	});

	after(async () => {
		await rig?.stop();
		clock?.remove();
	});

	it('10 first runs at once on both workers: the code is exchanged once, every run gets the token', async () => {
		await timed('first runs at once', async () => {
			// a token endpoint taking 2 s, so that the runs overlap (the webhook calls reach the workers staggered)
			rig.sandbox.faults.inject({ kind: 'slow', operation: 'exchangeCode', delayMs: 2000, times: Infinity });
			const runs = await burst(10);
			rig.sandbox.faults.clear();
			const exchanges = rig.sandbox.log.filter((entry) => entry.operation === 'exchangeCode');
			log(`first runs per worker: ${JSON.stringify(await runsPerWorker(rig, runs))}, code exchanges ${exchanges.length} (${exchanges.filter((e) => e.status !== 200).length} refused as used)`);
			assert.deepEqual(failures(runs), []);
			assert.equal(exchanges.filter((entry) => entry.status === 200).length, 1);
			assert.equal(rig.sandbox.log.filter((entry) => entry.operation === 'exchangeToken').length, 1, 'one long-lived token');
			assert.equal(stored().authorizationCodeSecret, '', 'the used code is cleared');
			assert.deepEqual(writtenTokens(writes()), [String(stored().longLivedToken)]);
		});
	});

	it('50 executions due for a refresh at once: one refresh, no auth failure, no stale write', async () => {
		await timed('refresh race', async () => {
			const original = String(stored().longLivedToken);
			await clock.travel(rig.cluster, rig.sandbox, 8 * DAY);
			// every execution that reads the credential during a 5 s refresh finds the old token due
			rig.sandbox.faults.inject({ kind: 'slow', operation: 'refreshToken', delayMs: 5000, times: Infinity });
			rig.sandbox.clearLog();
			const runs = await burst(BURST);
			rig.sandbox.faults.clear();
			const perWorker = await runsPerWorker(rig, runs);
			log(`executions per worker: ${JSON.stringify(perWorker)}`);
			const authFailures = failures(runs);
			const succeeded = refreshes().filter((entry) => entry.status === 200).length;
			const refused = refreshes().length - succeeded;
			const stale = staleWrites(writes());
			log(`refreshes ${succeeded}, auth failures ${authFailures.length}, stale writes ${stale.length} (refresh attempts refused: ${refused}, credential writes: ${writes().length})`);

			assert.deepEqual(authFailures, [], 'executions that failed');
			assert.ok(rig.cluster.workers.every((w) => perWorker[w.name] > 0), 'both workers ran some');
			assert.equal(perWorker['no worker'], undefined, 'every execution ran on a worker');
			assert.equal(succeeded, 1, 'the token is refreshed once');
			assert.deepEqual(stale, []);
			const token = String(stored().longLivedToken);
			assert.notEqual(token, original, 'the refreshed token is stored');
			assert.deepEqual(writtenTokens(writes()), [original, token], 'only the first and the refreshed token were ever written');
			assert.ok(await tokenWorks(rig.sandbox, token), 'the stored token works at the sandbox');
			assert.equal(await tokenWorks(rig.sandbox, original), false, 'the old token is retired');
		});
	});

	it('the next batch on both workers uses the stored token, without refreshing or writing it', async () => {
		await timed('batch after the race', async () => {
			const token = String(stored().longLivedToken);
			const writesBefore = writes().length;
			rig.sandbox.clearLog();
			const runs = await burst(20);
			const perWorker = await runsPerWorker(rig, runs);
			log(`executions per worker: ${JSON.stringify(perWorker)}`);
			assert.deepEqual(failures(runs), []);
			assert.ok(rig.cluster.workers.every((w) => perWorker[w.name] > 0), 'both workers ran some');
			assert.equal(refreshes().length, 0, 'no refresh');
			const used = rig.sandbox.log.map((entry) => entry.query.access_token);
			assert.equal(used.length, 20);
			assert.ok(used.every((t) => t === token), 'every request carries the stored token');
			assert.equal(writes().length, writesBefore, 'the credential was not written');
		});
	});
});
