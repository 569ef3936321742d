/**
 * A throwaway Redis on loopback for n8n's queue mode (Debian's redis-server, installed on first use):
 * no persistence, its files in a temp dir, stopped with the process that started it.
 *
 *   node --import tsx scripts/services/redis.mts     # start one, print its port, Ctrl-C stops it
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { getFreePort, isPortInUse } from '../n8n/ports.mts';
import { type DebianNeed, ensureDebian } from './debian.mts';
import { type Service, superviseChild } from './supervised.mts';

export const REDIS: DebianNeed = {
	packages: ['redis-server'],
	files: ['/usr/bin/redis-server'],
	why: "Redis for n8n's queue mode; about 10 s",
};

export interface Redis extends Service {
	host: string;
	port: number;
}

export async function startRedis(
	opts: { port?: number; log?: (line: string) => void } = {},
): Promise<Redis> {
	ensureDebian(REDIS, opts.log);
	const port = opts.port ?? (await getFreePort());
	const dir = mkdtempSync(path.join(tmpdir(), 'threads-redis-'));
	const child = spawn(
		'/usr/bin/redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', path.join(dir, 'redis.log')],
		{ stdio: 'ignore', detached: true },
	);
	const service = superviseChild('redis-server', child, () => rmSync(dir, { recursive: true, force: true }));
	const deadline = Date.now() + 15_000;
	while (!(await isPortInUse(port))) {
		if (!service.running || Date.now() > deadline) {
			await service.stop();
			throw new Error(`redis-server did not start on port ${port}`);
		}
		await sleep(100);
	}
	return Object.assign(service, { host: '127.0.0.1', port });
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const redis = await startRedis({ log: console.log });
	console.log(`Redis on ${redis.host}:${redis.port}; Ctrl-C stops it`);
	process.on('SIGINT', () => void redis.stop().then(() => process.exit(0)));
}
