/**
 * End to end, the Threads Trigger: a real n8n 2.40.7 with the package installed, examples/
 * trigger-reply-to-questions.json imported with a fixed webhookId and published before `n8n start`, so
 * its production URL (/webhook/<webhookId>/webhook) is live. Meta's side is played by the test (signed
 * with the sandbox app's secret, as Meta signs with the app secret): the verification GET, a reply that
 * asks a question (answered by the workflow's Reply node in the sandbox), its repeat, and a long list of
 * forged or broken deliveries, of which none may run anything.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { importWorkflows, runN8nCli } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import { type N8nRestClient, unflatten } from '../../scripts/n8n/rest-client.mts';
import {
	importSandboxCredential,
	SANDBOX_CREDENTIAL_NAME,
} from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import {
	bindCredential,
	nodeOutput,
	type RunData,
	type WorkflowJson,
} from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'e2eTriggerCred01';
const WORKFLOW_ID = 'e2eTriggerReply1';
const VERIFY_TOKEN = `verify-${randomBytes(12).toString('hex')}`;
/** n8n's request body limit for this instance (MiB), so that an oversized delivery stays small to send. */
const PAYLOAD_SIZE_MAX_MIB = 1;

let sandbox: Sandbox;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
let callbackUrl: string;
let secret: string;
const log = (line: string) => console.log(`# ${line}`);

function logText(): string {
	return readFileSync(server.logFile, 'utf8');
}

/**
 * n8n 2.40 activates published workflows through its publication service, in the background and
 * without an info-level log line: the webhook is live once Meta's verification GET is answered 200
 * (404 until then).
 */
async function waitForActivation(timeoutMs = 90_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const status = (
			await fetch(
				verificationUrl({
					'hub.mode': 'subscribe',
					'hub.challenge': '42',
					'hub.verify_token': VERIFY_TOKEN,
				}),
			)
		).status;
		if (status === 200) return;
		if (Date.now() > deadline)
			throw new Error(
				`the workflow was not activated: verification answered ${status} (log: ${server.logFile})`,
			);
		await sleep(500);
	}
}

function verificationUrl(params: Record<string, string>): URL {
	const url = new URL(callbackUrl);
	url.search = new URLSearchParams(params).toString();
	return url;
}

interface ExecutionSummary {
	id: string;
	status: string;
}

async function executions(): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }));
	const answer = await client.request<{ results?: ExecutionSummary[] }>(
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	return answer.results ?? [];
}

/** Waits until the workflow has `count` executions, all finished; returns them. */
async function waitForExecutions(count: number, timeoutMs = 60_000): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const list = await executions();
		if (
			list.length >= count &&
			list.every((e) => !['new', 'running', 'waiting'].includes(e.status))
		)
			return list;
		if (Date.now() > deadline)
			throw new Error(`expected ${count} finished executions, have ${JSON.stringify(list)}`);
		await sleep(300);
	}
}

async function runData(id: string): Promise<RunData> {
	const execution = await client.execution(id);
	const data = (
		typeof execution.data === 'string' ? unflatten(execution.data) : execution.data
	) as RunData['data'];
	return { ...execution, data };
}

const hmac = (body: Buffer | string, key = secret) =>
	createHmac('sha256', key).update(body).digest('hex');
const signed = (body: Buffer | string, key = secret) => ({
	'x-hub-signature-256': `sha256=${hmac(body, key)}`,
});

function replyNotification(value: Record<string, unknown>, appId = sandbox.app.clientId): string {
	return JSON.stringify({
		app_id: appId,
		topic: 'moderate',
		target_id: sandbox.user.id,
		time: Math.floor(Date.now() / 1000),
		subscription_id: '1',
		has_uid_field: false,
		values: { value, field: 'replies' },
	});
}

/** A text post of the sandbox user, published through the API. */
async function sandboxPost(text: string): Promise<string> {
	const form = new URLSearchParams({
		media_type: 'TEXT',
		text,
		auto_publish_text: 'true',
		access_token: sandbox.issueToken({ kind: 'long' }),
	});
	const res = await fetch(`${sandbox.url}/v1.0/me/threads`, { method: 'POST', body: form });
	const created = (await res.json()) as { id?: string };
	assert.ok(res.ok && created.id, `could not post in the sandbox: ${JSON.stringify(created)}`);
	return created.id;
}

async function post(body: string | Buffer, headers: Record<string, string>): Promise<number> {
	try {
		const res = await fetch(callbackUrl, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/json', ...headers },
		});
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0; // connection closed by n8n before the body was sent (oversized)
	}
}

describe('the Threads Trigger in a real n8n', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		secret = sandbox.app.clientSecret;
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-trigger-'));
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-trigger@example.com', password: 'E2e-trigger-password-1' },
			env: { N8N_PAYLOAD_SIZE_MAX: String(PAYLOAD_SIZE_MAX_MIB) },
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		await importSandboxCredential(
			opts,
			sandbox,
			CREDENTIAL_ID,
			sandbox.issueToken({ kind: 'long' }),
		);
		const workflow = JSON.parse(
			readFileSync(path.join(repoRoot, 'examples', 'trigger-reply-to-questions.json'), 'utf8'),
		) as WorkflowJson;
		workflow.id = WORKFLOW_ID;
		assert.equal(
			bindCredential(workflow, {
				id: CREDENTIAL_ID,
				name: SANDBOX_CREDENTIAL_NAME,
				type: THREADS_CREDENTIAL_TYPE,
			}),
			2,
		);
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-meta-threads.threadsTrigger')!;
		(trigger.parameters as Record<string, unknown>).verifyToken = VERIFY_TOKEN;
		await importWorkflows(opts, [workflow]);
		const published = await runN8nCli(opts, ['publish:workflow', `--id=${WORKFLOW_ID}`]);
		assert.equal(published.code, 0, published.stdout + published.stderr);
		server = await startN8n(opts);
		callbackUrl = `${server.url}/webhook/${String(trigger.webhookId)}/webhook`;
		await waitForActivation();
		client = await server.login();
		log(`n8n ${server.url}, callback ${callbackUrl}`);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1')
			rmSync(userFolder, { recursive: true, force: true });
		else if (userFolder) log(`kept ${userFolder}`);
	});

	it("answers Meta's verification on the production URL with the challenge, and only for the verify token", async () => {
		const url = new URL(callbackUrl);
		url.search = new URLSearchParams({
			'hub.mode': 'subscribe',
			'hub.challenge': '1158201444',
			'hub.verify_token': VERIFY_TOKEN,
		}).toString();
		const ok = await fetch(url);
		assert.equal(ok.status, 200);
		assert.equal(await ok.text(), '1158201444');
		url.searchParams.set('hub.verify_token', 'not-the-token');
		assert.equal((await fetch(url)).status, 403);
		assert.deepEqual(await executions(), []);
	});

	it('a signed reply that asks a question runs the workflow once, with the flat item, and the Reply node answers it', async () => {
		const before = (await executions()).length;
		const rootId = await sandboxPost('Our new plan is out');
		const replyId = sandbox.simulateReply({ to: rootId, text: 'Is there a discount?' });
		const body = replyNotification({
			id: replyId,
			username: 'public_creator',
			text: 'Is there a discount?',
			media_type: 'TEXT_POST',
			replied_to: { id: rootId },
			root_post: { id: rootId, owner_id: sandbox.user.id, username: sandbox.user.username },
			timestamp: '2024-08-07T10:33:16+0000',
		});
		assert.equal(await post(body, signed(body)), 200);
		const [latest] = await waitForExecutions(before + 1);
		assert.equal(latest.status, 'success');
		const run = await runData(latest.id);
		const [item] = nodeOutput(run, 'Threads Trigger');
		assert.deepEqual(
			[
				item.event,
				item.postId,
				item.text,
				item.username,
				item.repliedToId,
				item.rootPostId,
				item.topic,
				item.appId,
			],
			[
				'replies',
				replyId,
				'Is there a discount?',
				'public_creator',
				rootId,
				rootId,
				'moderate',
				sandbox.app.clientId,
			],
		);
		const [answer] = nodeOutput(run, 'Reply');
		const published = sandbox.published().find((p) => p.id === answer.id);
		assert.equal(published?.replyToId, replyId);
		assert.match(String(published?.text), /^Thanks for asking, @public_creator\./);

		// Meta's repeat of the same delivery: 200, nothing runs.
		assert.equal(await post(body, signed(body)), 200);
		await sleep(1500);
		assert.equal((await executions()).length, before + 1, 'the repeat ran the workflow again');
	});

	it('forged or broken deliveries never run the workflow', async () => {
		const body = replyNotification({
			id: '9990001',
			username: 'attacker',
			text: 'FORGED? marker-7f3a',
		});
		const other = replyNotification({ id: '9990002', username: 'attacker', text: 'Another? one' });
		const good = hmac(body);
		const flipped = Buffer.from(body);
		flipped[flipped.indexOf('9990001')] ^= 1;
		const oversized = JSON.stringify({
			pad: 'x'.repeat(PAYLOAD_SIZE_MAX_MIB * 1024 * 1024 + 1024),
		});
		const form = new FormData();
		form.set('payload', body);
		const forged: Array<[string, () => Promise<number>]> = [
			['no signature header', () => post(body, {})],
			[
				'only a valid SHA-1 X-Hub-Signature',
				() =>
					post(body, {
						'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
					}),
			],
			['empty X-Hub-Signature-256', () => post(body, { 'x-hub-signature-256': '' })],
			['"sha256=" without digits', () => post(body, { 'x-hub-signature-256': 'sha256=' })],
			['upper-case SHA256= prefix', () => post(body, { 'x-hub-signature-256': `SHA256=${good}` })],
			[
				'digits that are not hex',
				() => post(body, { 'x-hub-signature-256': `sha256=${'z'.repeat(64)}` }),
			],
			['63 hex digits', () => post(body, { 'x-hub-signature-256': `sha256=${good.slice(0, 63)}` })],
			['65 hex digits', () => post(body, { 'x-hub-signature-256': `sha256=${good}0` })],
			[
				'the digest in base64',
				() =>
					post(body, {
						'x-hub-signature-256': `sha256=${Buffer.from(good, 'hex').toString('base64')}`,
					}),
			],
			[
				'two signatures in the header',
				() => post(body, { 'x-hub-signature-256': `sha256=${good}, sha256=${good}` }),
			],
			['signed with another secret', () => post(body, signed(body, 'not-the-app-secret'))],
			[
				'another app id, signed with that app secret',
				() => {
					const b = replyNotification({ id: '9990003', text: 'Other app?' }, '999999999');
					return post(b, signed(b, 'other-app-secret'));
				},
			],
			[
				'one byte of the body changed',
				() => post(flipped, { 'x-hub-signature-256': `sha256=${good}` }),
			],
			[
				'a byte appended to the body',
				() => post(`${body}\n`, { 'x-hub-signature-256': `sha256=${good}` }),
			],
			[
				'truncated body',
				() => post(body.slice(0, -5), { 'x-hub-signature-256': `sha256=${good}` }),
			],
			[
				'empty body with the real signature',
				() => post('', { 'x-hub-signature-256': `sha256=${good}` }),
			],
			['empty body, no signature', () => post('', {})],
			["the signature of another delivery's body", () => post(body, signed(other))],
			[
				'a plain SHA-256 of the body',
				() =>
					post(body, {
						'x-hub-signature-256': `sha256=${createHash('sha256').update(body).digest('hex')}`,
					}),
			],
			[
				'validly signed, not JSON (text/plain)',
				() => post('{"app_id":', { ...signed('{"app_id":'), 'content-type': 'text/plain' }),
			],
			[
				'validly signed, not JSON (application/json)',
				() => post('{"app_id":', signed('{"app_id":')),
			],
			['validly signed JSON that is not an object', () => post('"replies"', signed('"replies"'))],
			[
				'multipart form with the body inside',
				() =>
					fetch(callbackUrl, { method: 'POST', body: form, headers: signed(body) }).then(
						async (r) => (await r.arrayBuffer(), r.status),
					),
			],
			['validly signed but over the size limit', () => post(oversized, signed(oversized))],
			[
				'verification with a wrong verify token',
				() =>
					fetch(
						verificationUrl({
							'hub.mode': 'subscribe',
							'hub.challenge': '1',
							'hub.verify_token': 'guess',
						}),
					).then((r) => r.status),
			],
			[
				'verification in another mode',
				() =>
					fetch(
						verificationUrl({
							'hub.mode': 'unsubscribe',
							'hub.challenge': '1',
							'hub.verify_token': VERIFY_TOKEN,
						}),
					).then((r) => r.status),
			],
			[
				'verification without a challenge',
				() =>
					fetch(
						verificationUrl({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN }),
					).then((r) => r.status),
			],
		];
		const before = (await executions()).length;
		const accepted: string[] = [];
		for (const [what, send] of forged) {
			const status = await send();
			log(`  ${what}: ${status || 'connection closed'}`);
			if (status >= 200 && status < 300) accepted.push(`${what} (${status})`);
		}
		await sleep(2000);
		const ran = (await executions()).length - before;
		log(`forged deliveries accepted: ${accepted.length + ran} of ${forged.length}`);
		assert.ok(forged.length >= 20);
		assert.deepEqual(accepted, [], 'answered 2xx');
		assert.equal(ran, 0, 'executions started by forged deliveries');
		const text = logText();
		assert.ok(!text.includes('marker-7f3a'), "the n8n log holds a forged delivery's body");
		assert.ok(!text.includes(secret), 'the n8n log holds the app secret');
	});
});
