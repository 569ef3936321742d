/**
 * `npm start`: a real n8n with this package loaded, talking to the local Threads sandbox.
 *
 *  1. builds the package (n8n-node build)
 *  2. makes sure the pinned n8n + Node 24 are installed (first time only: ~8 minutes)
 *  3. starts the Threads sandbox (127.0.0.1:5680, or THREADS_SANDBOX_PORT)
 *  4. installs the package into .n8n-local/.n8n/nodes, imports the credential "Threads (local
 *     sandbox)" with a fresh sandbox token, and imports the workflows of examples/ (once; again only
 *     when an example file changes)
 *  5. starts n8n on http://localhost:5678 (or THREADS_N8N_PORT) with an owner account already set up
 *
 * THREADS_SKIP_BUILD=1 uses dist/ as it is (e.g. while `npm run build:watch` runs).
 * THREADS_N8N_OWNER_EMAIL / THREADS_N8N_OWNER_PASSWORD change the login (default owner@example.com /
 * Threads-sandbox-1; n8n resets the owner to these at every start). n8n listens on 127.0.0.1 only
 * unless THREADS_N8N_LISTEN_ADDRESS says otherwise.
 * .n8n-local/ holds the instance (database, encryption key, n8n.log); delete it to start afresh.
 * Ctrl-C stops n8n and the sandbox.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/index.mts';
import { buildPackage } from './build-package.mts';
import { importWorkflows } from './n8n/cli.mts';
import { stableId } from './n8n/ids.mts';
import { ensureN8n } from './n8n/install.mts';
import type { N8nInstanceOptions } from './n8n/instance.mts';
import { getFreePort, isPortInUse } from './n8n/ports.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from './n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from './n8n/server.mts';
import {
	THREADS_CREDENTIAL_TYPE,
	THREADS_NODE_TYPE,
	THREADS_TOOL_NODE_TYPE,
} from './n8n/threads-types.mts';
import { installPackageIntoUserFolder, linkStaticCacheOutside } from './n8n/user-folder.mts';
import { bindCredential, type WorkflowJson } from './n8n/workflow-data.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const userFolder = path.join(repoRoot, '.n8n-local');
const statePath = path.join(userFolder, 'examples-imported.json');
const CREDENTIAL_ID = stableId('threads-local-sandbox-credential');

const owner = {
	email: process.env.THREADS_N8N_OWNER_EMAIL ?? 'owner@example.com',
	password: process.env.THREADS_N8N_OWNER_PASSWORD ?? 'Threads-sandbox-1',
	firstName: 'Local',
	lastName: 'Developer',
};

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(line);
const step = (line: string) => console.log(`[${secs()}] ${line}`);

function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (!raw) return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port <= 0 || port > 65535)
		throw new Error(`${name} must be a port number, got "${raw}"`);
	return port;
}

async function requireFreePort(port: number, what: string, envName: string): Promise<void> {
	if (await isPortInUse(port)) {
		throw new Error(
			`Port ${port} (${what}) is already in use. Is another "npm start" running? Stop it, or set ${envName}=<port>.`,
		);
	}
}

interface ExampleState {
	[file: string]: { id: string; sha256: string };
}

function readState(dbExisted: boolean): ExampleState {
	if (!dbExisted) return {}; // fresh database: everything has to be imported again
	try {
		return JSON.parse(readFileSync(statePath, 'utf8')) as ExampleState;
	} catch {
		return {};
	}
}

/** Example workflows to (re)import: new files, and files changed since their last import. */
function examplesToImport(
	state: ExampleState,
): Array<{ file: string; sha256: string; workflow: WorkflowJson }> {
	const dir = path.join(repoRoot, 'examples');
	if (!existsSync(dir)) return [];
	const out: Array<{ file: string; sha256: string; workflow: WorkflowJson }> = [];
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const text = readFileSync(path.join(dir, file), 'utf8');
		const sha256 = createHash('sha256').update(text).digest('hex');
		let workflow: WorkflowJson;
		try {
			workflow = JSON.parse(text) as WorkflowJson;
		} catch (error) {
			log(`  skipping examples/${file}: not valid JSON (${(error as Error).message})`);
			continue;
		}
		if (!Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
			log(`  skipping examples/${file}: not a workflow (no nodes/connections)`);
			continue;
		}
		workflow.id = state[file]?.id ?? workflow.id ?? stableId(`example:${file}`);
		if (state[file]?.sha256 === sha256) continue;
		bindCredential(workflow, {
			id: CREDENTIAL_ID,
			name: SANDBOX_CREDENTIAL_NAME,
			type: THREADS_CREDENTIAL_TYPE,
		});
		out.push({ file, sha256, workflow });
	}
	return out;
}

async function main(): Promise<void> {
	log('Starting n8n with n8n-nodes-meta-threads and the local Threads sandbox');
	const n8nPort = portFromEnv('THREADS_N8N_PORT', 5678);
	const sandboxPort = portFromEnv('THREADS_SANDBOX_PORT', 5680);
	await requireFreePort(n8nPort, 'n8n', 'THREADS_N8N_PORT');
	await requireFreePort(sandboxPort, 'Threads sandbox', 'THREADS_SANDBOX_PORT');
	const runnerPort = (await isPortInUse(5679)) ? await getFreePort() : 5679;

	if (process.env.THREADS_SKIP_BUILD === '1')
		step('Skipping the build (THREADS_SKIP_BUILD=1): using dist/ as it is.');
	else {
		step('Building the package (n8n-node build) ...');
		buildPackage(repoRoot);
	}
	step('Checking the n8n runtime ...');
	const runtime = await ensureN8n({ log });

	step(`Starting the Threads sandbox on port ${sandboxPort} ...`);
	const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
	let server: N8nServer | undefined;
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log('\nStopping n8n and the sandbox ...');
		await server?.stop().catch(() => undefined);
		await sandbox.close().catch(() => undefined);
		log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));

	try {
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: n8nPort,
			runnerPort,
			// Loopback only: the owner password is printed and the same everywhere, and n8n runs code.
			// (Browsers try 127.0.0.1 for http://localhost.) THREADS_N8N_LISTEN_ADDRESS=:: opens it up.
			listenAddress: process.env.THREADS_N8N_LISTEN_ADDRESS ?? '127.0.0.1',
			owner,
			log,
		};
		mkdirSync(userFolder, { recursive: true });
		const dbExisted = existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));

		linkStaticCacheOutside(userFolder, runtime);
		step('Installing the package into .n8n-local/.n8n/nodes ...');
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot });

		step(`Importing credential "${SANDBOX_CREDENTIAL_NAME}" with a fresh sandbox token ...`);
		await importSandboxCredential(
			opts,
			sandbox,
			CREDENTIAL_ID,
			sandbox.issueToken({ kind: 'long' }),
		);

		const state = readState(dbExisted);
		const pending = examplesToImport(state);
		if (pending.length > 0) {
			step(
				`Importing example workflows: ${pending.map((p) => `examples/${p.file}`).join(', ')} ...`,
			);
			await importWorkflows(
				opts,
				pending.map((p) => p.workflow),
			);
			for (const p of pending) state[p.file] = { id: p.workflow.id!, sha256: p.sha256 };
			writeFileSync(statePath, JSON.stringify(state, null, 2));
		} else if (Object.keys(state).length > 0) {
			step('Example workflows already imported (unchanged).');
		} else {
			step('No example workflows in examples/ yet.');
		}

		step(`Starting n8n on port ${n8nPort} ...`);
		server = await startN8n(opts);
		const active = server;
		void active.waitForExit().then((code) => {
			if (stopping) return;
			console.error(`\nn8n exited unexpectedly (code ${code}). See ${active.logFile}`);
			void shutdown(1);
		});

		// Check what a newcomer will see.
		const client = await server.login();
		const types = new Set((await client.nodeTypes()).map((t) => t.name));
		const workflows = await client.workflows();
		const base = `http://localhost:${n8nPort}`;

		log('');
		log(`n8n is ready (${secs()}): ${base}`);
		log(`  Log in with:  ${owner.email}  /  ${owner.password}`);
		log(
			`  Threads node: ${types.has(THREADS_NODE_TYPE) ? 'loaded' : 'NOT LOADED (see the log)'} (${THREADS_NODE_TYPE}${types.has(THREADS_TOOL_NODE_TYPE) ? ', and its AI-tool variant' : ''})`,
		);
		log(
			`  Credential:   "${SANDBOX_CREDENTIAL_NAME}" -> Threads sandbox at ${sandbox.url} (user @${sandbox.user.username})`,
		);
		const exampleIds = new Set(Object.values(state).map((s) => s.id));
		for (const wf of workflows.filter((w) => exampleIds.has(w.id))) {
			log(`  Workflow:     "${wf.name}"  ${base}/workflow/${wf.id}`);
		}
		log(`  n8n log:      ${path.relative(repoRoot, server.logFile)}`);
		log(`  Sandbox control API: ${sandbox.url}/__sandbox/published (posts published so far)`);
		log('Press Ctrl-C to stop.');
	} catch (error) {
		console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
		await shutdown(1);
	}
}

main().catch((error: unknown) => {
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
