/**
 * End to end, the Threads Trigger: a real n8n 2.40.7 with the package installed, examples/
 * trigger-reply-to-questions.json imported with a fixed webhookId and published before `n8n start`, so
 * its production URL (/webhook/<webhookId>/webhook) is live. Meta's side is played by the sandbox's
 * webhooks (subscription after Meta's GET handshake, signed deliveries on events, replays and tampered
 * sends; sandbox/README.md, Webhooks) and by the test itself for the forgeries the sandbox does not make:
 * a reply that asks a question is answered by the workflow's Reply node, a repeat runs nothing, and of a
 * long list of forged or broken deliveries none may run anything.
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
import {
	THREADS_CREDENTIAL_TYPE,
	THREADS_TRIGGER_NODE_TYPE,
} from '../../scripts/n8n/threads-types.mts';
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
		`/rest/executions?limit=100&filter=${filter}`,
	);
	return answer.results ?? [];
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

/** The sandbox's control API, as an outside caller uses it. */
async function control<T = Record<string, unknown>>(
	route: string,
	body?: unknown,
): Promise<{ status: number; json: T }> {
	const res = await fetch(`${sandbox.url}/__sandbox/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body ?? {}),
	});
	return { status: res.status, json: (await res.json()) as T };
}

let subscribed = false;
/** The App Dashboard step: subscribe the production URL (the sandbox makes Meta's GET handshake first). */
async function subscribe(): Promise<void> {
	if (subscribed) return;
	const { status, json } = await control('webhooks/subscribe', {
		callbackUrl,
		verifyToken: VERIFY_TOKEN,
	});
	assert.equal(status, 200, JSON.stringify(json));
	subscribed = true;
}

/**
 * Waits until every delivery the sandbox has pending is answered and every execution has finished, and
 * nothing new comes (an execution's API calls cause more deliveries); returns the executions.
 */
async function settle(timeoutMs = 90_000): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let previous = '';
	for (;;) {
		await control('webhooks/flush');
		const list = await executions();
		const finished = list.every((e) => !['new', 'running', 'waiting'].includes(e.status));
		const now = list.map((e) => `${e.id}:${e.status}`).join(',');
		if (finished && now === previous) return list;
		previous = finished ? now : '';
		if (Date.now() > deadline) throw new Error(`executions did not settle: ${now}`);
		await sleep(1000);
	}
}

/** Executions in `after` not in `before`, with their run data. */
async function newRuns(before: ExecutionSummary[], after: ExecutionSummary[]) {
	const known = new Set(before.map((e) => e.id));
	const fresh = after.filter((e) => !known.has(e.id));
	return await Promise.all(fresh.map(async (e) => ({ ...e, run: await runData(e.id) })));
}

const triggerItem = (run: RunData) => nodeOutput(run, 'Threads Trigger')[0] ?? {};

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
		const trigger = workflow.nodes.find((n) => n.type === THREADS_TRIGGER_NODE_TYPE)!;
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

	it('registers the Threads Trigger: a trigger with one URL for GET and POST, not offered as an AI tool', async () => {
		const types = (await client.nodeTypes()) as unknown as Array<{
			name: string;
			group: string[];
			webhooks?: Array<{ name: string; httpMethod: string; path: string }>;
		}>;
		const trigger = types.find((t) => t.name === THREADS_TRIGGER_NODE_TYPE);
		assert.ok(trigger, `${THREADS_TRIGGER_NODE_TYPE} missing from /types/nodes.json`);
		assert.deepEqual(trigger.group, ['trigger']);
		assert.deepEqual(
			trigger.webhooks?.map((w) => [w.name, w.httpMethod, w.path]),
			[
				['setup', 'GET', 'webhook'],
				['default', 'POST', 'webhook'],
			],
		);
		assert.ok(!types.some((t) => t.name === `${THREADS_TRIGGER_NODE_TYPE}Tool`));
	});

	it("passes Meta's verification: the sandbox's subscription handshake, and only with the verify token", async () => {
		const before = await executions();
		const ok = await fetch(
			verificationUrl({
				'hub.mode': 'subscribe',
				'hub.challenge': '1158201444',
				'hub.verify_token': VERIFY_TOKEN,
			}),
		);
		assert.equal(ok.status, 200);
		assert.equal(await ok.text(), '1158201444');
		const refused = await control<{ error?: string }>('webhooks/subscribe', {
			callbackUrl,
			verifyToken: 'not-the-token',
		});
		assert.equal(refused.status, 400, 'the sandbox subscribed with a wrong verify token');
		await subscribe();
		const { json } = await control<{
			subscriptions: Array<{ callbackUrl: string; fields: string[] }>;
		}>('webhooks/flush');
		const subscription = json.subscriptions.find((s) => s.callbackUrl === callbackUrl);
		assert.deepEqual(subscription?.fields.slice().sort(), [
			'delete',
			'mentions',
			'publish',
			'replies',
		]);
		assert.equal((await executions()).length, before.length, 'a verification ran the workflow');
	});

	it('a reply that asks a question runs the workflow once, with the flat item, and the Reply node answers it', async () => {
		await subscribe();
		const before = await settle();
		const rootId = await sandboxPost('Our new plan is out'); // a publish event: not listened to
		const { json } = await control<{ id: string }>('replies', {
			to: rootId,
			text: 'Is there a discount?',
		});
		const replyId = json.id;
		const runs = await newRuns(before, await settle());

		const asked = runs.filter((r) => triggerItem(r.run).postId === replyId);
		assert.equal(asked.length, 1, `runs for the question: ${asked.length}`);
		const [{ run, status }] = asked;
		assert.equal(status, 'success', JSON.stringify(run.data.resultData.error ?? {}));
		const item = triggerItem(run);
		assert.deepEqual(
			[
				item.event,
				item.postId,
				item.text,
				item.repliedToId,
				item.rootPostId,
				item.topic,
				item.appId,
			],
			[
				'replies',
				replyId,
				'Is there a discount?',
				rootId,
				rootId,
				'moderate',
				sandbox.app.clientId,
			],
		);
		assert.ok(typeof item.username === 'string' && item.username !== '', 'no username');
		assert.ok(typeof item.permalink === 'string' && typeof item.timestamp === 'string');
		assert.deepEqual(Object.keys(item).sort(), [
			'appId',
			'deletedAt',
			'event',
			'mediaType',
			'permalink',
			'postId',
			'raw',
			'repliedToId',
			'rootPostId',
			'targetId',
			'text',
			'time',
			'timestamp',
			'topic',
			'username',
		]);
		const [answer] = nodeOutput(run, 'Reply');
		const published = sandbox.published().find((p) => p.id === answer.id);
		assert.equal(published?.replyToId, replyId);
		assert.equal(
			published?.text,
			`Thanks for asking, @${String(item.username)}. We will get back to you soon.`,
		);

		// The answer is a reply under the same post too: Meta reports it, the IF lets it through to nowhere.
		const others = runs.filter((r) => r !== asked[0]);
		assert.deepEqual(
			others.map((r) => triggerItem(r.run).postId),
			[answer.id],
		);
		assert.equal(
			others[0].run.data.resultData.runData.Reply,
			undefined,
			'the workflow answered its own answer',
		);
	});

	it("Meta's repeated deliveries run nothing new, even when they arrive at the same moment", async () => {
		await subscribe();
		const before = await settle();
		const replay = await control<{
			deliveries: Array<{ statuses: number[]; delivered: boolean; eventKey: string; body: string }>;
		}>('webhooks/send', { field: 'replies', tamper: 'replay' });
		assert.equal(replay.status, 200, JSON.stringify(replay.json));
		const { deliveries } = replay.json;
		assert.equal(deliveries.length, 2);
		assert.deepEqual(
			deliveries.map((d) => d.statuses.at(-1)),
			[200, 200],
			'a replay must be acknowledged, or Meta retries',
		);
		assert.equal(deliveries[0].eventKey, deliveries[1].eventKey);
		const eventId = (JSON.parse(deliveries[0].body) as { values: { value: { id: string } } }).values
			.value.id;
		const replayed = await newRuns(before, await settle());
		assert.deepEqual(
			replayed.map((r) => triggerItem(r.run).postId),
			[eventId],
		);

		// five copies of one signed delivery at once (the sandbox sends them one after another)
		const body = replyNotification({
			id: `17999${Date.now()}`,
			username: 'public_creator',
			text: 'Sent five times',
		});
		const statuses = await Promise.all(Array.from({ length: 5 }, () => post(body, signed(body))));
		assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
		const concurrent = await newRuns(
			replayed.length ? [...before, ...replayed] : before,
			await settle(),
		);
		assert.equal(concurrent.length, 1, `five simultaneous copies ran ${concurrent.length} times`);

		// distinct events arriving together each run once
		const all = await settle();
		const burst = await control<{ deliveries: Array<{ statuses: number[] }> }>('webhooks/send', {
			field: 'replies',
			tamper: 'burst',
			count: 4,
		});
		assert.ok(burst.json.deliveries.every((d) => d.statuses.at(-1) === 200));
		assert.equal((await newRuns(all, await settle())).length, 4);
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
		// The sandbox's own tampered sends (it plays Meta; these are not retried).
		for (const tamper of [
			'bad-signature',
			'no-signature',
			'sha1-only',
			'malformed-body',
			'body-changed',
		]) {
			forged.push([
				`sandbox send, ${tamper}`,
				async () => {
					await subscribe();
					const sent = await control<{ deliveries: Array<{ statuses: number[] }> }>(
						'webhooks/send',
						{ field: 'replies', tamper },
					);
					assert.equal(sent.status, 200, JSON.stringify(sent.json));
					return sent.json.deliveries[0]?.statuses.at(-1) ?? -1;
				},
			]);
		}
		await subscribe();
		const before = (await settle()).length;
		const accepted: string[] = [];
		for (const [what, send] of forged) {
			const status = await send();
			log(`  ${what}: ${status || 'connection closed'}`);
			if (status >= 200 && status < 300) accepted.push(`${what} (${status})`);
		}
		const ran = (await settle()).length - before;
		log(`forged deliveries accepted: ${accepted.length + ran} of ${forged.length}`);
		assert.ok(forged.length >= 20);
		assert.deepEqual(accepted, [], 'answered 2xx');
		assert.equal(ran, 0, 'executions started by forged deliveries');
		const text = logText();
		assert.ok(!text.includes('marker-7f3a'), "the n8n log holds a forged delivery's body");
		assert.ok(!text.includes(secret), 'the n8n log holds the app secret');
	});
});
