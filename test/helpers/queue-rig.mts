/**
 * A queue-mode n8n for the tests of test/queue/: the sandbox, scripts/queue/cluster.mts (Redis,
 * PostgreSQL, main, two workers) with an owner to log in as, and what the tests read from it:
 * executions from PostgreSQL, which worker ran which execution (from the workers' logs).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { n8nLogFile } from '../../scripts/n8n/instance.mts';
import { type N8nRestClient, unflatten } from '../../scripts/n8n/rest-client.mts';
import type { RunData } from '../../scripts/n8n/workflow-data.mts';
import { type QueueCluster, startQueueCluster } from '../../scripts/queue/cluster.mts';
import { buildForE2e } from './e2e-build.mts';
import { waitFor } from './wait-for.mts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OWNER = { email: 'queue-tests@example.com', password: 'Queue-tests-password-1' };

export const log = (line: string) => console.log(`# ${line}`);

export interface QueueRig {
	sandbox: Sandbox;
	cluster: QueueCluster;
	baseDir: string;
	/** A REST client logged in as the owner (log in again after moving n8n's clock by days). */
	login(): Promise<N8nRestClient>;
	stop(): Promise<void>;
}

export async function startQueueRig(opts: {
	name: string;
	concurrency?: number;
	env?: Record<string, string>;
}): Promise<QueueRig> {
	const runtime = await ensureN8n({ log });
	buildForE2e();
	const sandbox = await startSandbox({ port: 0 });
	const baseDir = mkdtempSync(path.join(os.tmpdir(), `threads-queue-${opts.name}-`));
	const started = Date.now();
	let cluster: QueueCluster;
	try {
		cluster = await startQueueCluster({
			runtime,
			baseDir,
			packageDir: repoRoot,
			workers: 2,
			concurrency: opts.concurrency,
			owner: OWNER,
			env: opts.env,
			log,
		});
	} catch (error) {
		await sandbox.close();
		rmSync(baseDir, { recursive: true, force: true });
		throw error;
	}
	log(`queue cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: main ${cluster.main.url}, sandbox ${sandbox.url}, ${baseDir}`);
	return {
		sandbox,
		cluster,
		baseDir,
		login: async () => await cluster.main.login(),
		async stop() {
			await cluster.stop();
			await sandbox.close();
			if (process.env.THREADS_E2E_KEEP === '1') log(`kept ${baseDir}`);
			else rmSync(baseDir, { recursive: true, force: true });
		},
	};
}

/** Publishes a workflow in the running cluster, as the editor's Publish button does. */
export async function activateWorkflow(client: N8nRestClient, workflowId: string): Promise<void> {
	const { versionId } = await client.workflow(workflowId);
	await client.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
}

/** n8n registers a published workflow's webhooks in the background: waits for the path to be served. */
export async function waitForWebhookPath(rig: QueueRig, webhookPath: string): Promise<void> {
	await waitFor(`the webhook ${webhookPath}`, 90_000, () => {
		const sql = `select count(*) from webhook_entity where "webhookPath" = '${webhookPath.replace(/'/g, '')}'`;
		return Number(rig.cluster.postgres.sql('n8n', sql).trim()) > 0 ? true : undefined;
	});
}

export interface ExecutionRow {
	id: number;
	status: string;
}

/** The workflow's executions as n8n saved them in PostgreSQL, oldest first. */
export function executionRows(rig: QueueRig, workflowId: string): ExecutionRow[] {
	const out = rig.cluster.postgres.sql(
		'n8n',
		`select id, status from execution_entity where "workflowId" = '${workflowId.replace(/'/g, '')}' order by id`,
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status] = line.split('|');
			return { id: Number(id), status };
		});
}

/** An execution's run data as the worker saved it in PostgreSQL. */
export function savedRun(rig: QueueRig, id: number): RunData | undefined {
	const text = rig.cluster.postgres.sql('n8n', `select data from execution_data where "executionId" = ${Number(id)}`).trim();
	return text ? { data: unflatten(text) as RunData['data'] } : undefined;
}

/** Why an execution failed, from its saved run data. */
export function executionError(rig: QueueRig, id: number): string {
	const run = savedRun(rig, id);
	if (!run) return 'no run data saved';
	const { resultData } = run.data;
	const error = resultData.error ?? Object.values(resultData.runData).flat().find((r) => r.error)?.error;
	return `${error?.message ?? 'no error recorded'}${error?.description ? ` (${error.description})` : ''}`;
}

const UNFINISHED = new Set(['new', 'running', 'waiting']);

/** Waits until the workflow has `count` executions after `afterId` and all of them have finished. */
export async function waitForExecutions(
	rig: QueueRig,
	workflowId: string,
	count: number,
	afterId = 0,
	timeoutMs = 120_000,
): Promise<ExecutionRow[]> {
	return await waitFor(`${count} finished executions of ${workflowId}`, timeoutMs, () => {
		const rows = executionRows(rig, workflowId).filter((row) => row.id > afterId);
		return rows.length >= count && rows.every((row) => !UNFINISHED.has(row.status)) ? rows : undefined;
	});
}

function loggedWorkers(rig: QueueRig): Map<number, string> {
	const ran = new Map<number, string>();
	for (const worker of rig.cluster.workers) {
		const text = readFileSync(n8nLogFile(worker.options.userFolder), 'utf8');
		for (const match of text.matchAll(/Worker started execution (\d+) \(job /g)) ran.set(Number(match[1]), worker.name);
	}
	return ran;
}

/**
 * Execution id -> the worker that logged "Worker started execution <id>", or 'no worker'. A log line
 * reaches its file a moment after the execution reaches the database: this waits up to 15 s for all.
 */
export async function workersOf(rig: QueueRig, ids: number[]): Promise<Map<number, string>> {
	const found = await waitFor('the workers\' log lines', 15_000, () => {
		const ran = loggedWorkers(rig);
		return ids.every((id) => ran.has(id)) ? ran : undefined;
	}).catch(() => loggedWorkers(rig));
	return new Map(ids.map((id) => [id, found.get(id) ?? 'no worker']));
}

/** How many of `executions` each worker ran (every worker listed, 0 included). */
export async function runsPerWorker(rig: QueueRig, executions: ExecutionRow[]): Promise<Record<string, number>> {
	const ran = await workersOf(rig, executions.map((execution) => execution.id));
	const counts: Record<string, number> = Object.fromEntries(rig.cluster.workers.map((w) => [w.name, 0]));
	for (const worker of ran.values()) counts[worker] = (counts[worker] ?? 0) + 1;
	return counts;
}

/** Runs a test body and prints how long it took. */
export async function timed(name: string, body: () => Promise<void>): Promise<void> {
	const started = Date.now();
	try {
		await body();
	} finally {
		log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	}
}
