/**
 * One clock for every n8n process of a queue cluster and the sandbox: a libfaketime offset file the
 * processes re-read every second (scripts/faketime.mts), moved together with the sandbox's clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Sandbox } from '../../sandbox/index.mts';
import { ensureFaketime, faketimeFileEnv, writeFaketimeOffset } from '../../scripts/faketime.mts';
import type { QueueCluster } from '../../scripts/queue/cluster.mts';
import { log } from './queue-rig.mts';
import { waitFor } from './wait-for.mts';

export interface SharedClock {
	/** Environment for every process of the cluster. */
	env: Record<string, string>;
	/** Moves n8n's processes and the sandbox `ms` ahead; resolves once every process tells the new time. */
	travel(cluster: QueueCluster, sandbox: Sandbox, ms: number): Promise<void>;
	remove(): void;
}

/** What a process thinks the time is: the Date header of its HTTP answer (main's API, a worker's health server). */
async function processTime(url: string): Promise<number> {
	const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
	await res.arrayBuffer();
	return Date.parse(res.headers.get('date') ?? '');
}

export function sharedClock(): SharedClock {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'threads-queue-clock-'));
	const file = path.join(dir, 'offset');
	writeFaketimeOffset(file, 0);
	let offsetMs = 0;
	return {
		env: faketimeFileEnv(ensureFaketime(log), file),
		async travel(cluster, sandbox, ms) {
			offsetMs += ms;
			writeFaketimeOffset(file, offsetMs);
			sandbox.clock.advance(ms);
			const urls = [cluster.main.url, ...cluster.workers.map((worker) => worker.process.url)];
			await waitFor('every n8n process on the moved clock', 30_000, async () => {
				const times = await Promise.all(urls.map(processTime));
				// Date headers have whole seconds
				return times.every((time) => time >= Date.now() + offsetMs - 5000) ? true : undefined;
			});
		},
		remove: () => rmSync(dir, { recursive: true, force: true }),
	};
}
