/**
 * End to end: examples/poll-mentions-to-webhook.json active in a real n8n 2.40.7, polling the local
 * sandbox every minute. Mentions injected into the sandbox come out of one execution exactly once
 * and are POSTed once each to a local receiver; the next (quiet) poll is one request and starts
 * nothing. Activated from outside: imported, `n8n publish:workflow`, then `n8n start`. About two
 * minutes (it waits for n8n's minute ticks).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { importWorkflows, publishWorkflow } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import { type N8nRestClient, unflatten } from '../../scripts/n8n/rest-client.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { bindCredential, nodeOutput, type RunData, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';
import { waitFor } from '../helpers/wait-for.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'e2ePollCred00001';
const WORKFLOW_ID = 'e2ePollMentions1';
const TRIGGER = 'New Mention';

let sandbox: Sandbox;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
let receiver: Server;
let accessToken: string;
const received: Array<Record<string, unknown>> = [];
const log = (line: string) => console.log(`# ${line}`);

/** A webhook receiver on this machine: what the workflow's HTTP Request node POSTs. */
async function startReceiver(): Promise<string> {
	receiver = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push(JSON.parse(body) as Record<string, unknown>);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/threads-mentions`;
}

const mentionPolls = () => sandbox.log.filter((entry) => entry.operation === 'getMentions');

async function executions(): Promise<Array<{ id: string; status?: string }>> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const answer = await client.request<{ results?: Array<{ id: string; status?: string }> }>('GET', `/rest/executions?filter=${filter}`);
	return answer?.results ?? [];
}

describe('Threads Poll Trigger active in a real n8n', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		const url = await startReceiver();
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-poll-'));
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-poll@example.com', password: 'E2e-poll-password-1' },
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		accessToken = sandbox.issueToken({ kind: 'long' });
		await importSandboxCredential(opts, sandbox, CREDENTIAL_ID, accessToken);
		const workflow = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'poll-mentions-to-webhook.json'), 'utf8')) as WorkflowJson;
		workflow.id = WORKFLOW_ID;
		assert.equal(bindCredential(workflow, { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE }), 1);
		const http = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest');
		assert.ok(http, 'the example has an HTTP Request node');
		(http.parameters as Record<string, unknown>).url = url;
		await importWorkflows(opts, [workflow]);
		await publishWorkflow(opts, WORKFLOW_ID);
		server = await startN8n(opts);
		client = await server.login();
		log(`n8n ${server.url}, user folder ${userFolder}, sandbox ${sandbox.url}`);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		receiver?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('emits the mentions made after activation exactly once, POSTs each once, and a quiet poll starts nothing', async () => {
		// n8n polls once as it activates the workflow: the seeded mentions are old, nothing runs.
		await waitFor('the activation poll', 60_000, () => (mentionPolls().length > 0 ? true : undefined));
		assert.deepEqual(await executions(), []);
		const injected = (await (
			await fetch(`${sandbox.url}/__sandbox/mentions`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'e2e mention {n} @sandbox_user', count: 3 }),
			})
		).json()) as { ids: string[] };
		assert.equal(injected.ids.length, 3);

		// The next minute's poll finds them: one execution, each mention once, oldest first.
		const [execution] = await waitFor('an execution of the workflow', 90_000, async () => {
			const found = await executions();
			return found.length > 0 && found.every((ex) => ex.status !== 'running' && ex.status !== 'new') ? found : undefined;
		});
		const detail = await client.request<{ status?: string; data: string | RunData['data'] }>('GET', `/rest/executions/${execution.id}`);
		const run = { status: detail.status, data: (typeof detail.data === 'string' ? unflatten(detail.data) : detail.data) as RunData['data'] };
		assert.equal(run.status, 'success', JSON.stringify(run.data.resultData.error ?? {}).slice(0, 2000));
		const emitted = nodeOutput(run, TRIGGER);
		assert.deepEqual(emitted.map((item) => item.id), injected.ids);
		assert.ok(emitted.every((item) => item.source === 'mention' && item.username === 'public_creator'));
		await waitFor('the three POSTs', 10_000, () => (received.length >= 3 ? true : undefined));
		assert.deepEqual(received.map((body) => body.id), injected.ids);

		// The poll after that: one request, nothing new, no execution.
		const polls = mentionPolls().length;
		await waitFor('the next poll', 75_000, () => (mentionPolls().length > polls ? true : undefined));
		await sleep(3000);
		assert.equal(mentionPolls().length, polls + 1, 'a quiet poll is one request');
		assert.equal((await executions()).length, 1);
		assert.equal(received.length, 3);
		// Nothing secret in the execution, what was POSTed, or n8n's log.
		const leaks = findSecrets(`${JSON.stringify(detail)}\n${JSON.stringify(received)}\n${readFileSync(server.logFile, 'utf8')}`, [accessToken, sandbox.app.clientSecret]);
		assert.deepEqual(leaks, []);
		log(`emitted ${emitted.length} of ${injected.ids.length}, duplicates 0, missed 0, POSTs ${received.length}`);
	});
});
