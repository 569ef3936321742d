/**
 * n8n in queue mode (scripts/queue/cluster.mts: Redis, PostgreSQL, main, two workers) with the Threads
 * sandbox as the API, its credential, and queue-publish-workflow.mts activated so that main receives
 * the webhook calls and the workers run them. THREADS_E2E_KEEP=1 keeps the folders (logs) for a look.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/index.mts';
import { importWorkflows } from '../../scripts/n8n/cli.mts';
import { stableId } from '../../scripts/n8n/ids.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { importSandboxCredential } from '../../scripts/n8n/sandbox-credential.mts';
import { type QueueCluster, startQueueCluster } from '../../scripts/queue/cluster.mts';
import { buildForE2e } from './e2e-build.mts';
import { type PublishRequest, queuePublishWorkflow } from './queue-publish-workflow.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'queueThreadsCred';

export interface QueueRig {
	cluster: QueueCluster;
	sandbox: Sandbox;
	client: N8nRestClient;
	workflowId: string;
	/** Main's production URL of the workflow's Webhook node. */
	webhookUrl: string;
	/** POSTs one request to the webhook; resolves with the HTTP status (0: no answer). */
	fire(body: PublishRequest): Promise<number>;
	close(): Promise<void>;
}

export interface QueueRigOptions {
	sandbox: SandboxOptions;
	/** Executions each worker runs at once. */
	concurrency: number;
	/** Extra environment for every n8n process (e.g. Bull's lock and stalled-check timings). */
	env?: Record<string, string>;
	log: (line: string) => void;
}

export async function startQueueRig(opts: QueueRigOptions): Promise<QueueRig> {
	const runtime = await ensureN8n({ log: opts.log });
	buildForE2e();
	const sandbox = await startSandbox({ port: 0, ...opts.sandbox });
	const baseDir = mkdtempSync(path.join(os.tmpdir(), 'threads-queue-'));
	let cluster: QueueCluster | undefined;
	const close = async () => {
		await cluster?.stop();
		await sandbox.close();
		if (process.env.THREADS_E2E_KEEP === '1') opts.log(`kept ${baseDir}`);
		else rmSync(baseDir, { recursive: true, force: true });
	};
	try {
		cluster = await startQueueCluster({
			runtime,
			baseDir,
			packageDir: repoRoot,
			workers: 2,
			concurrency: opts.concurrency,
			owner: { email: 'queue-owner@example.com', password: 'Queue-owner-password-1' },
			env: opts.env,
			log: opts.log,
		});
		const ids = {
			workflowId: stableId('queue:publish-load'),
			webhookId: randomUUID(),
			path: `queue-publish-${randomUUID().slice(0, 8)}`,
			credentialId: CREDENTIAL_ID,
		};
		await importSandboxCredential(
			cluster.mainOptions,
			sandbox,
			CREDENTIAL_ID,
			sandbox.issueToken({ kind: 'long' }),
		);
		await importWorkflows(cluster.mainOptions, [queuePublishWorkflow(ids)]);
		const client = await cluster.main.login();
		// Publishing (n8n 2.x's activation) through the REST API registers the webhook with the
		// running main at once; the CLI's publish:workflow would need a restart of main.
		const { versionId } = await client.workflow(ids.workflowId);
		await client.request('POST', `/rest/workflows/${ids.workflowId}/activate`, { versionId });
		const webhookUrl = `${cluster.main.url}/webhook/${ids.path}`;
		const fire = async (body: PublishRequest) => {
			try {
				const res = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(60_000),
				});
				await res.arrayBuffer();
				return res.status;
			} catch {
				return 0;
			}
		};
		return { cluster, sandbox, client, workflowId: ids.workflowId, webhookUrl, fire, close };
	} catch (error) {
		await close().catch(() => undefined);
		throw error;
	}
}

/** Which worker ran each execution, from the workers' logs ("Worker started execution N (job M)"). */
export function workerOfExecutions(cluster: QueueCluster): Map<string, string[]> {
	const ranBy = new Map<string, string[]>();
	for (const worker of cluster.workers) {
		const text = readFileSync(worker.process.logFile, 'utf8');
		for (const match of text.matchAll(/Worker started execution (\d+) \(job \d+\)/g)) {
			ranBy.set(match[1], [...(ranBy.get(match[1]) ?? []), worker.name]);
		}
	}
	return ranBy;
}
