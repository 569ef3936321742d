/**
 * What `npm start` and `npm run start:queue` share: the owner and ports a newcomer gets (overridable
 * by THREADS_* variables), the build step, the sandbox credential and examples, and the summary
 * printed once the editor is ready.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Sandbox } from '../../sandbox/index.mts';
import { buildPackage } from '../build-package.mts';
import { importExamples, readExampleState, type ExampleState } from './examples.mts';
import { stableId } from './ids.mts';
import type { N8nInstanceOptions, Owner } from './instance.mts';
import { isPortInUse } from './ports.mts';
import type { Log } from './runtime.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from './sandbox-credential.mts';
import type { N8nServer } from './server.mts';
import { THREADS_NODE_TYPE, THREADS_TOOL_NODE_TYPE } from './threads-types.mts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = stableId('threads-local-sandbox-credential');

export const owner: Owner = {
	email: process.env.THREADS_N8N_OWNER_EMAIL ?? 'owner@example.com',
	password: process.env.THREADS_N8N_OWNER_PASSWORD ?? 'Threads-sandbox-1',
	firstName: 'Local',
	lastName: 'Developer',
};

export function portFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (!raw) return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port <= 0 || port > 65535)
		throw new Error(`${name} must be a port number, got "${raw}"`);
	return port;
}

export async function requireFreePort(port: number, what: string, envName: string): Promise<void> {
	if (await isPortInUse(port)) {
		throw new Error(
			`Port ${port} (${what}) is already in use. Is another "npm start" running? Stop it, or set ${envName}=<port>.`,
		);
	}
}

/**
 * Ctrl-C (or SIGTERM) runs `stop` once and exits; returns the same shutdown for failures, and
 * `stopping()` so an expected exit of n8n is not reported as a crash.
 */
export function onShutdown(
	what: string,
	stop: () => Promise<void>,
	log: Log,
): { shutdown: (code: number) => Promise<void>; stopping: () => boolean } {
	let stopping = false;
	const shutdown = async (code: number) => {
		if (stopping) return;
		stopping = true;
		log(`\nStopping ${what} ...`);
		await stop().catch(() => undefined);
		log('Stopped.');
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	return { shutdown, stopping: () => stopping };
}

/** Builds dist/, unless THREADS_SKIP_BUILD=1 (e.g. while `npm run build:watch` runs). */
export function buildUnlessSkipped(step: Log): void {
	if (process.env.THREADS_SKIP_BUILD === '1') {
		step('Skipping the build (THREADS_SKIP_BUILD=1): using dist/ as it is.');
		return;
	}
	step('Building the package (n8n-node build) ...');
	buildPackage(repoRoot);
}

/** The "Threads (local sandbox)" credential with a fresh token, and the examples bound to it. */
export async function importCredentialAndExamples(
	opts: N8nInstanceOptions,
	sandbox: Sandbox,
	args: { statePath: string; databaseExisted: boolean; step: Log },
): Promise<ExampleState> {
	args.step(`Importing credential "${SANDBOX_CREDENTIAL_NAME}" with a fresh sandbox token ...`);
	await importSandboxCredential(opts, sandbox, CREDENTIAL_ID, sandbox.issueToken({ kind: 'long' }));
	return await importExamples(opts, {
		examplesDir: path.join(repoRoot, 'examples'),
		statePath: args.statePath,
		state: readExampleState(args.statePath, args.databaseExisted),
		credentialId: CREDENTIAL_ID,
		log: args.step,
	});
}

/** Logs in as the owner and prints what a newcomer will see: the URL, the login, node and workflows. */
export async function printReady(args: {
	server: N8nServer;
	sandbox: Sandbox;
	state: ExampleState;
	port: number;
	elapsed: string;
	extra?: string[];
	log: Log;
}): Promise<void> {
	const { server, sandbox, log } = args;
	const client = await server.login();
	const types = new Set((await client.nodeTypes()).map((t) => t.name));
	const workflows = await client.workflows();
	const base = `http://localhost:${args.port}`;
	log('');
	log(`n8n is ready (${args.elapsed}): ${base}`);
	log(`  Log in with:  ${owner.email}  /  ${owner.password}`);
	log(
		`  Threads node: ${types.has(THREADS_NODE_TYPE) ? 'loaded' : 'NOT LOADED (see the log)'} (${THREADS_NODE_TYPE}${types.has(THREADS_TOOL_NODE_TYPE) ? ', and its AI-tool variant' : ''})`,
	);
	log(
		`  Credential:   "${SANDBOX_CREDENTIAL_NAME}" -> Threads sandbox at ${sandbox.url} (user @${sandbox.user.username})`,
	);
	const exampleIds = new Set(Object.values(args.state).map((s) => s.id));
	for (const wf of workflows.filter((w) => exampleIds.has(w.id))) {
		log(`  Workflow:     "${wf.name}"  ${base}/workflow/${wf.id}`);
	}
	for (const line of args.extra ?? []) log(`  ${line}`);
	log(`  Sandbox control API: ${sandbox.url}/__sandbox/published (posts published so far)`);
	log('Press Ctrl-C to stop.');
}
