/**
 * `npm run start:queue`: what `npm start` gives, in n8n's queue mode as teams run it: Redis,
 * PostgreSQL, n8n main (the editor on http://localhost:5678) and two `n8n worker` processes that run
 * the executions, each with this package installed in its own user folder, and the Threads sandbox
 * behind them. The database is a throwaway: every start begins afresh, Ctrl-C stops everything.
 *
 * Same settings as `npm start` (THREADS_N8N_PORT, THREADS_SANDBOX_PORT, THREADS_SKIP_BUILD,
 * THREADS_N8N_OWNER_*), plus THREADS_QUEUE_WORKERS (2). The user folders and logs are kept in
 * <cache>/queue-local/ (outside the repository), or THREADS_QUEUE_DIR.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';

import { startSandbox } from '../sandbox/index.mts';
import type { ExampleState } from './n8n/examples.mts';
import { ensureN8n } from './n8n/install.mts';
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
import { type QueueCluster, startQueueCluster } from './queue/cluster.mts';

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (line: string) => console.log(line);
const step = (line: string) => console.log(`[${secs()}] ${line}`);

async function main(): Promise<void> {
	log('Starting n8n in queue mode (main + workers, Redis, PostgreSQL) with the local Threads sandbox');
	const n8nPort = portFromEnv('THREADS_N8N_PORT', 5678);
	const sandboxPort = portFromEnv('THREADS_SANDBOX_PORT', 5680);
	const workers = Number(process.env.THREADS_QUEUE_WORKERS ?? 2);
	if (!Number.isInteger(workers) || workers < 1 || workers > 8)
		throw new Error(`THREADS_QUEUE_WORKERS must be 1 to 8, got "${process.env.THREADS_QUEUE_WORKERS}"`);
	await requireFreePort(n8nPort, 'n8n', 'THREADS_N8N_PORT');
	await requireFreePort(sandboxPort, 'Threads sandbox', 'THREADS_SANDBOX_PORT');

	buildUnlessSkipped(step);
	step('Checking the n8n runtime ...');
	const runtime = await ensureN8n({ log });
	const baseDir = process.env.THREADS_QUEUE_DIR ?? path.join(runtime.cacheDir, 'queue-local');
	rmSync(baseDir, { recursive: true, force: true }); // the database is new at every start

	step(`Starting the Threads sandbox on port ${sandboxPort} ...`);
	const sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1' });
	let cluster: QueueCluster | undefined;
	let state: ExampleState = {};
	const { shutdown, stopping } = onShutdown(
		'n8n, its workers, Redis, PostgreSQL and the sandbox',
		async () => {
			await cluster?.stop().catch(() => undefined);
			await sandbox.close();
		},
		log,
	);

	try {
		step(`Starting Redis, PostgreSQL, n8n main on port ${n8nPort} and ${workers} workers ...`);
		cluster = await startQueueCluster({
			runtime,
			baseDir,
			packageDir: repoRoot,
			port: n8nPort,
			workers,
			owner,
			log: step,
			prepare: async (mainOptions) => {
				state = await importCredentialAndExamples(mainOptions, sandbox, {
					statePath: path.join(baseDir, 'examples-imported.json'),
					databaseExisted: false,
					step,
				});
			},
		});
		const active = cluster;
		for (const server of [active.main, ...active.workers.map((w) => w.process)]) {
			void server.waitForExit().then((code) => {
				if (stopping()) return;
				console.error(`\nAn n8n process exited unexpectedly (code ${code}). See ${server.logFile}`);
				void shutdown(1);
			});
		}
		await printReady({
			server: cluster.main,
			sandbox,
			state,
			port: n8nPort,
			elapsed: secs(),
			extra: [
				`Queue mode:   Redis :${cluster.redis.port}, PostgreSQL :${cluster.postgres.port}, ${workers} workers run the executions`,
				`n8n logs:     ${cluster.main.logFile}, ${cluster.workers.map((w) => w.process.logFile).join(', ')}`,
			],
			log,
		});
	} catch (error) {
		console.error(`\nnpm run start:queue failed: ${error instanceof Error ? error.message : String(error)}`);
		await shutdown(1);
	}
}

main().catch((error: unknown) => {
	console.error(`\nnpm run start:queue failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
