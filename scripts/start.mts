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
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startSandbox } from '../sandbox/index.mts';
import { ensureN8n } from './n8n/install.mts';
import type { N8nInstanceOptions } from './n8n/instance.mts';
import {
	buildUnlessSkipped,
	onShutdown,
	importCredentialAndExamples,
	owner,
	portFromEnv,
	printReady,
	repoRoot,
	requireFreePort,
} from './n8n/local-instance.mts';
import { getFreePort, isPortInUse } from './n8n/ports.mts';
import { startN8n, type N8nServer } from './n8n/server.mts';
import { installPackageIntoUserFolder, linkStaticCacheOutside } from './n8n/user-folder.mts';

const userFolder = path.join(repoRoot, '.n8n-local');
const statePath = path.join(userFolder, 'examples-imported.json');

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(line);
const step = (line: string) => console.log(`[${secs()}] ${line}`);

async function main(): Promise<void> {
	log('Starting n8n with n8n-nodes-meta-threads and the local Threads sandbox');
	const n8nPort = portFromEnv('THREADS_N8N_PORT', 5678);
	const sandboxPort = portFromEnv('THREADS_SANDBOX_PORT', 5680);
	await requireFreePort(n8nPort, 'n8n', 'THREADS_N8N_PORT');
	await requireFreePort(sandboxPort, 'Threads sandbox', 'THREADS_SANDBOX_PORT');
	const runnerPort = (await isPortInUse(5679)) ? await getFreePort() : 5679;

	buildUnlessSkipped(step);
	step('Checking the n8n runtime ...');
	const runtime = await ensureN8n({ log });

	step(`Starting the Threads sandbox on port ${sandboxPort} ...`);
	const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
	let server: N8nServer | undefined;
	const { shutdown, stopping } = onShutdown(
		'n8n and the sandbox',
		async () => {
			await server?.stop().catch(() => undefined);
			await sandbox.close();
		},
		log,
	);

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

		const state = await importCredentialAndExamples(opts, sandbox, {
			statePath,
			databaseExisted: dbExisted,
			step,
		});

		step(`Starting n8n on port ${n8nPort} ...`);
		server = await startN8n(opts);
		const active = server;
		void active.waitForExit().then((code) => {
			if (stopping()) return;
			console.error(`\nn8n exited unexpectedly (code ${code}). See ${active.logFile}`);
			void shutdown(1);
		});

		await printReady({
			server,
			sandbox,
			state,
			port: n8nPort,
			elapsed: secs(),
			extra: [`n8n log:      ${path.relative(repoRoot, server.logFile)}`],
			log,
		});
	} catch (error) {
		console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
		await shutdown(1);
	}
}

main().catch((error: unknown) => {
	console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
