/**
 * End to end: a real n8n 2.40.7 process (Node 24, SQLite) with this package installed the way n8n's
 * community-package installer does, driven from outside through its CLI and REST API, against the
 * local Threads sandbox.
 *
 * The first run on a machine installs n8n into the cache (~8 minutes, see scripts/n8n/install.mts).
 * Uses a temporary user folder and free ports, so it runs beside `npm start`.
 * THREADS_E2E_KEEP=1 keeps the user folder (n8n.log, database) for inspection.
 */
import assert from 'node:assert/strict';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	rmSync,
	statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { executeWorkflowCli, importWorkflows } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import {
	importSandboxCredential,
	SANDBOX_CREDENTIAL_NAME,
} from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import {
	THREADS_CREDENTIAL_TYPE,
	THREADS_NODE_TYPE,
	THREADS_TOOL_NODE_TYPE,
} from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import {
	bindCredential,
	nodeOutput,
	type ExecutionResult,
	type RunData,
	type WorkflowJson,
} from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { handStartedExamples } from '../helpers/hand-started-examples.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'e2eThreadsCred01';
const WORKFLOW_ID = 'e2ePublishText01';

let sandbox: Sandbox;
let server: N8nServer;
let client: N8nRestClient;
let opts: N8nInstanceOptions;
let userFolder: string;
let accessToken: string;
let threadsNodeName: string;
/** The examples other than publish-text-post.json that start by hand, as imported. */
const exampleIds: Array<{ file: string; id: string }> = [];
/** Raw text of everything n8n handed back to us (REST and CLI), scanned for secrets by the last test. */
const responses: string[] = [];

const log = (line: string) => console.log(`# ${line}`);

function logTail(lines = 60): string {
	try {
		return readFileSync(server.logFile, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

function describeRun(ex: ExecutionResult): string {
	return JSON.stringify(ex.data.resultData.error ?? ex.data.resultData.runData, null, 2).slice(
		0,
		3000,
	);
}

// The ways this file runs workflows. Each test runs the ones it checks itself (so that any test runs
// alone and in any order); `before` is the number of posts the sandbox held before the run.

/** examples/publish-text-post.json, run as the editor's "Execute workflow" button does. */
async function publishThroughEditor(): Promise<{ ex: ExecutionResult; before: number }> {
	const before = sandbox.published().length;
	const ex = await client.runWorkflow(WORKFLOW_ID);
	responses.push(JSON.stringify(ex));
	return { ex, before };
}

/** The same run while every POST answers 500 (whatever retries the node makes, the run fails). */
async function publishThroughEditorWhileApiFails(): Promise<{
	ex: ExecutionResult;
	before: number;
}> {
	sandbox.faults.inject({ kind: 'http500', method: 'POST', times: 50 });
	try {
		return await publishThroughEditor();
	} finally {
		sandbox.faults.clear();
	}
}

/** The same workflow run with `n8n execute --id` beside the running server. */
async function publishThroughCli(): Promise<{ run: RunData; before: number }> {
	const before = sandbox.published().length;
	const run = await executeWorkflowCli(opts, WORKFLOW_ID);
	responses.push(JSON.stringify(run));
	return { run, before };
}

/** Every example other than publish-text-post.json, through the editor's API; returns the failures. */
async function runOtherExamples(): Promise<string[]> {
	const failures: string[] = [];
	for (const { file, id } of exampleIds) {
		const ex = await client.runWorkflow(id);
		responses.push(JSON.stringify(ex));
		if (ex.status !== 'success')
			failures.push(`examples/${file}: ${ex.status}\n${describeRun(ex)}`);
	}
	return failures;
}

describe('n8n-nodes-meta-threads in a real n8n', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();

		sandbox = await startSandbox({ port: 0 });
		accessToken = sandbox.issueToken({ kind: 'long' });
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-n8n-'));
		opts = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-owner@example.com', password: 'E2e-owner-password-1' },
			// debug: the most n8n ever writes, so the secret scan below sees everything
			logLevel: 'debug',
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });

		await importSandboxCredential(opts, sandbox, CREDENTIAL_ID, accessToken);
		const workflow = JSON.parse(
			readFileSync(path.join(repoRoot, 'examples', 'publish-text-post.json'), 'utf8'),
		) as WorkflowJson;
		workflow.id = WORKFLOW_ID;
		const bound = bindCredential(workflow, {
			id: CREDENTIAL_ID,
			name: SANDBOX_CREDENTIAL_NAME,
			type: THREADS_CREDENTIAL_TYPE,
		});
		assert.equal(
			bound,
			1,
			'examples/publish-text-post.json should reference the sandbox credential once',
		);
		threadsNodeName = workflow.nodes.find((n) => n.type === THREADS_NODE_TYPE)?.name ?? '';
		assert.ok(threadsNodeName, `examples/publish-text-post.json has no ${THREADS_NODE_TYPE} node`);
		// Every other example started by hand too, for runOtherExamples().
		const others = handStartedExamples(
			{ id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE },
			'e2e-example',
			['publish-text-post.json'],
		);
		for (const { file, workflow } of others) exampleIds.push({ file, id: workflow.id });
		await importWorkflows(opts, [workflow, ...others.map((example) => example.workflow)]);

		server = await startN8n(opts);
		client = await server.login();
		log(`n8n ${server.url}, user folder ${userFolder}, sandbox ${sandbox.url}`);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1')
			rmSync(userFolder, { recursive: true, force: true });
		else if (userFolder) log(`kept ${userFolder}`);
	});

	it('registers the Threads node under its package name, with its AI-tool variant and credential', async () => {
		const nodeTypes = await client.nodeTypes();
		const names = new Set(nodeTypes.map((t) => t.name));
		assert.ok(
			names.has(THREADS_NODE_TYPE),
			`${THREADS_NODE_TYPE} missing from /types/nodes.json\n${logTail()}`,
		);
		assert.ok(
			names.has(THREADS_TOOL_NODE_TYPE),
			`${THREADS_TOOL_NODE_TYPE} missing (does the node declare usableAsTool?)`,
		);
		assert.ok(
			![...names].some((n) => n.startsWith('CUSTOM.') && /threads/i.test(n)),
			'the package was loaded as a custom extension (CUSTOM.*), not as an installed package',
		);
		const credentialTypes = new Set((await client.credentialTypes()).map((t) => t.name));
		assert.ok(
			credentialTypes.has(THREADS_CREDENTIAL_TYPE),
			`${THREADS_CREDENTIAL_TYPE} missing from /types/credentials.json`,
		);
	});

	it("is installed like n8n's community installer does, resolving n8n-workflow to n8n's own copy", () => {
		const dir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-meta-threads');
		const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<
			string,
			unknown
		>;
		assert.equal(pkg.peerDependencies, undefined);
		assert.equal(pkg.devDependencies, undefined);
		// From the node's own file, the way Node will resolve it inside n8n: two copies of n8n-workflow
		// break n8n's `instanceof NodeApiError` checks of errors crossing between n8n and the node.
		const nodeFile = path.join(dir, ...(pkg.n8n as { nodes: string[] }).nodes[0].split('/'));
		const resolved = realpathSync(createRequire(nodeFile).resolve('n8n-workflow'));
		const n8nCopy = realpathSync(path.join(opts.runtime.n8nDir, 'node_modules', 'n8n-workflow'));
		assert.ok(
			resolved.startsWith(n8nCopy + path.sep),
			`n8n-workflow resolves to ${resolved}, not ${n8nCopy}`,
		);
	});

	it('runs examples/publish-text-post.json and publishes exactly one post', async () => {
		const { ex, before } = await publishThroughEditor();
		assert.equal(
			ex.status,
			'success',
			`execution ${ex.id} failed:\n${describeRun(ex)}\n${logTail()}`,
		);
		const items = nodeOutput(ex, threadsNodeName);
		assert.equal(items.length, 1, `expected one output item, got ${JSON.stringify(items)}`);
		const [item] = items;
		assert.equal(typeof item.id, 'string');
		assert.ok((item.id as string).length > 0, 'output item has an empty id');
		assert.equal(
			typeof item.permalink,
			'string',
			`output item has no permalink: ${JSON.stringify(item)}`,
		);

		const published = sandbox.published().slice(before);
		assert.equal(published.length, 1, `the run published ${published.length} posts`);
		assert.equal(published[0].id, item.id);
		assert.equal(published[0].permalink, item.permalink);
	});

	it('reports a Threads API failure as the node error of the run, and publishes nothing', async () => {
		const { ex, before } = await publishThroughEditorWhileApiFails();
		assert.equal(ex.status, 'error', `expected the run to fail:\n${describeRun(ex)}`);
		const error = ex.data.resultData.error as Record<string, unknown> | undefined;
		assert.ok(error, 'no error recorded on the execution');
		assert.equal(
			String(error.httpCode),
			'500',
			`no httpCode on ${JSON.stringify(error).slice(0, 1500)}`,
		);
		assert.equal((error.node as { name?: string } | undefined)?.name, threadsNodeName);
		assert.ok(typeof error.message === 'string' && error.message.length > 0);
		assert.equal(ex.data.resultData.lastNodeExecuted, threadsNodeName);
		assert.equal(sandbox.published().length, before, 'a failed run must not publish');
	});

	it('runs the same workflow with `n8n execute --id` beside the running server', async () => {
		const { run, before } = await publishThroughCli();
		assert.equal(run.status, 'success', JSON.stringify(run.data.resultData.error ?? {}, null, 2));
		const [item] = nodeOutput(run, threadsNodeName);
		assert.ok(
			item && typeof item.id === 'string' && item.id.length > 0,
			`no post id in ${JSON.stringify(item)}`,
		);
		assert.equal(sandbox.published().length, before + 1);
		assert.equal(sandbox.published()[before].id, item.id);
	});

	it('runs every other workflow of examples/ started by hand successfully', async () => {
		const failures = await runOtherExamples();
		assert.deepEqual(failures, [], failures.join('\n\n'));
	});

	it('never writes the access token or client secret to logs, event log, database, execution data or REST answers, whichever way a workflow runs', async () => {
		// Runs every kind of run this file makes (a success, an API failure, the CLI, every example),
		// whatever the tests before it did; their answers, if they ran, are scanned too.
		await publishThroughEditor();
		await publishThroughEditorWhileApiFails();
		await publishThroughCli();
		await runOtherExamples();
		const secrets = [accessToken, sandbox.app.clientSecret].filter((s) => s.length >= 8);
		assert.ok(secrets.includes(accessToken), 'the sandbox token is too short to scan for');
		// What the REST API hands out for the executions (raw, as the editor would receive it).
		const executions =
			(await client.request<{ results?: Array<{ id: string }> }>(
				'GET',
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`,
			)) ?? {};
		for (const { id } of executions.results ?? []) {
			responses.push(JSON.stringify(await client.request('GET', `/rest/executions/${id}`)));
		}
		// What the editor gets when it opens the credential (n8n blanks password fields).
		responses.push(
			JSON.stringify(
				await client.request('GET', `/rest/credentials/${CREDENTIAL_ID}?includeData=true`),
			),
		);
		assert.ok(responses.length >= 4, 'expected the runs above to be among the answers');

		const sources: Array<{ name: string; content: Buffer }> = responses.map((text, i) => ({
			name: `n8n response #${i + 1}`,
			content: Buffer.from(text),
		}));
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir)) {
				const file = path.join(dir, entry);
				if (file.includes(`${path.sep}nodes${path.sep}node_modules`)) continue; // the package itself
				if (statSync(file).isDirectory()) walk(file);
				else sources.push({ name: path.relative(userFolder, file), content: readFileSync(file) });
			}
		};
		walk(userFolder);
		assert.ok(
			sources.some((s) => s.name === 'n8n.log'),
			'n8n.log missing',
		);
		assert.ok(existsSync(path.join(userFolder, '.n8n', 'database.sqlite')));

		const scan = (files: Array<{ name: string; content: Buffer }>) => {
			const found: string[] = [];
			for (const { name, content } of files) {
				for (const secret of secrets) {
					const what = secret === accessToken ? 'the access token' : 'the client secret';
					for (const form of new Set([secret, encodeURIComponent(secret)])) {
						if (content.includes(form)) found.push(`${name}: contains ${what}`);
					}
				}
			}
			return found;
		};
		// The scan itself must see a token embedded in binary data.
		const canary = Buffer.concat([
			Buffer.from([0, 1, 2]),
			Buffer.from(`x${accessToken}y`),
			Buffer.from([0]),
		]);
		assert.equal(scan([{ name: 'canary', content: canary }]).length, 1);

		const hits = scan(sources);
		assert.deepEqual(hits, [], `secrets leaked:\n${hits.join('\n')}`);
	});
});
