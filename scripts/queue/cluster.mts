/**
 * n8n in queue mode on loopback, as teams run it: Redis, PostgreSQL, one main (`n8n start`: editor,
 * webhooks, triggers) and N workers (`n8n worker`: they run the executions), each process with its
 * own user folder and this package installed in it (workers load community nodes from their own
 * folder, not main's), all with the same encryption key.
 *
 * `mainOptions` works with the CLI helpers of scripts/n8n/cli.mts (import, export, execute) against
 * the shared database.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import { type N8nInstanceOptions, type Owner } from '../n8n/instance.mts';
import { getFreePort } from '../n8n/ports.mts';
import type { Log, N8nRuntime } from '../n8n/runtime.mts';
import { type N8nServer, startN8nProcess } from '../n8n/server.mts';
import { installPackageIntoUserFolder, linkStaticCacheOutside } from '../n8n/user-folder.mts';
import { type Postgres, startPostgres } from '../services/postgres.mts';
import { type Redis, startRedis } from '../services/redis.mts';

export interface QueueClusterOptions {
	runtime: N8nRuntime;
	/** Holds main/ and worker-<n>/ (the processes' user folders). */
	baseDir: string;
	/** The package to install into every user folder (its dist/ must be built). */
	packageDir: string;
	/** Main's HTTP port (default: a free one). */
	port?: number;
	/** Number of `n8n worker` processes (default 2). */
	workers?: number;
	/** Executions each worker runs at once (n8n's --concurrency, default 10). */
	concurrency?: number;
	owner?: Owner;
	/** Extra environment for every process, e.g. a shared libfaketime clock. */
	env?: Record<string, string>;
	/** Keep n8n's editor cache outside baseDir (for a baseDir inside the repository). */
	editorCacheOutside?: boolean;
	logLevel?: N8nInstanceOptions['logLevel'];
	/**
	 * Runs before any n8n process starts, e.g. CLI imports with `mainOptions` (the CLI creates the
	 * tables): then main and the workers start together instead of one after the other.
	 */
	prepare?: (mainOptions: N8nInstanceOptions) => Promise<void>;
	log?: Log;
}

export interface QueueWorker {
	name: string;
	options: N8nInstanceOptions;
	process: N8nServer;
}

export interface QueueCluster {
	redis: Redis;
	postgres: Postgres;
	main: N8nServer;
	/** For the CLI helpers (scripts/n8n/cli.mts): main's user folder and the shared database. */
	mainOptions: N8nInstanceOptions;
	workers: QueueWorker[];
	/** Kills worker `index` at once (SIGKILL to its process group), as a crash would. */
	killWorker(index: number): Promise<void>;
	/** Starts worker `index` again after a kill or stop. */
	restartWorker(index: number): Promise<void>;
	stop(): Promise<void>;
}

const DATABASE = 'n8n';

/** Environment every process of the cluster shares: queue mode, Redis, Postgres, one key. */
function sharedEnv(redis: Redis, postgres: Postgres, encryptionKey: string): Record<string, string> {
	return {
		...postgres.n8nEnv(DATABASE),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// n8n's default of 2 connections makes a burst of webhook calls fail with "Database is not ready"
		DB_POSTGRESDB_POOL_SIZE: '10',
		// workers save execution data in the database main reads it from
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
}

async function userFolder(opts: QueueClusterOptions, name: string): Promise<string> {
	const folder = path.join(opts.baseDir, name);
	mkdirSync(folder, { recursive: true });
	if (opts.editorCacheOutside) linkStaticCacheOutside(folder, opts.runtime);
	installPackageIntoUserFolder({ runtime: opts.runtime, userFolder: folder, packageDir: opts.packageDir });
	return folder;
}

async function startWorker(options: N8nInstanceOptions, concurrency: number): Promise<N8nServer> {
	return await startN8nProcess(options, ['worker', `--concurrency=${concurrency}`], 120_000, {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(options.port),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		// n8n's own HTTP port is unused by a worker; keep it off the health port
		N8N_PORT: String(await getFreePort()),
	});
}

/** Starts Redis, PostgreSQL, main and the workers; stops what it started if any of it fails. */
export async function startQueueCluster(opts: QueueClusterOptions): Promise<QueueCluster> {
	const log = opts.log ?? (() => {});
	const started: Array<{ stop(): Promise<void> }> = [];
	try {
		const [redis, postgres] = await Promise.all([startRedis({ log }), startPostgres({ log })]);
		started.push(redis, postgres);
		postgres.createDatabase(DATABASE);
		log(`Redis on ${redis.port}, PostgreSQL on ${postgres.port}`);
		const env = { ...sharedEnv(redis, postgres, randomBytes(24).toString('hex')), ...opts.env };

		const mainOptions: N8nInstanceOptions = {
			runtime: opts.runtime,
			userFolder: await userFolder(opts, 'main'),
			port: opts.port ?? (await getFreePort()),
			runnerPort: await getFreePort(),
			owner: opts.owner,
			logLevel: opts.logLevel,
			env,
			log,
		};
		const workers: QueueWorker[] = [];
		for (let i = 1; i <= (opts.workers ?? 2); i++) {
			const options: N8nInstanceOptions = {
				runtime: opts.runtime,
				userFolder: await userFolder(opts, `worker-${i}`),
				port: await getFreePort(),
				runnerPort: await getFreePort(),
				logLevel: opts.logLevel,
				env,
				log,
			};
			workers.push({ name: `worker-${i}`, options, process: undefined as unknown as N8nServer });
		}
		const concurrency = opts.concurrency ?? 10;
		const startWorkers = () =>
			Promise.all(
				workers.map(async (worker) => {
					worker.process = await startWorker(worker.options, concurrency);
					started.push(worker.process);
					log(`n8n ${worker.name} ready (health ${worker.process.url})`);
				}),
			);
		const startMain = async () => {
			const server = await startN8nProcess(mainOptions, ['start']);
			started.push(server);
			log(`n8n main on ${server.url}`);
			return server;
		};
		let main: N8nServer;
		if (opts.prepare) {
			await opts.prepare(mainOptions);
			[main] = await Promise.all([startMain(), startWorkers()]);
		} else {
			// main first: it creates the database tables the workers expect
			main = await startMain();
			await startWorkers();
		}

		return {
			redis,
			postgres,
			main,
			mainOptions,
			workers,
			async killWorker(index) {
				await workers[index].process.kill();
			},
			async restartWorker(index) {
				const worker = workers[index];
				if (worker.process.running) await worker.process.stop();
				worker.process = await startWorker(worker.options, concurrency);
			},
			async stop() {
				await Promise.all(workers.map((worker) => worker.process.stop()));
				await main.stop();
				await Promise.all([redis.stop(), postgres.stop()]);
			},
		};
	} catch (error) {
		for (const service of started.reverse()) await service.stop().catch(() => undefined);
		throw error;
	}
}
