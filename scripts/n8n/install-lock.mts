/**
 * A lock directory that keeps two concurrent runs from installing n8n into the same cache at the same
 * time (the second one waits).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Log } from './runtime.mts';

const LOCK_STALE_MS = 60 * 60 * 1000;

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** mkdir-based lock (atomic on POSIX). Stale locks (dead pid, or older than an hour) are taken over. */
export async function withLock<T>(lockDir: string, log: Log, fn: () => Promise<T>): Promise<T> {
	const infoFile = path.join(lockDir, 'owner.json');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(
				infoFile,
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now() }),
			);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner: { pid?: number; host?: string; since?: number } = {};
			try {
				owner = JSON.parse(readFileSync(infoFile, 'utf8')) as typeof owner;
			} catch {
				// Lock being created right now, or left without owner file: judge by the directory's age.
				try {
					owner = { since: statSync(lockDir).mtimeMs };
				} catch {
					continue;
				}
			}
			const sameHost = !owner.host || owner.host === os.hostname();
			const dead = owner.pid !== undefined && sameHost && !pidAlive(owner.pid);
			const old = owner.since !== undefined && Date.now() - owner.since > LOCK_STALE_MS;
			if (dead || old) {
				log(`Removing stale install lock ${lockDir} (pid ${owner.pid ?? '?'})`);
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(
					`Another process (pid ${owner.pid ?? '?'}) is installing n8n into ${path.dirname(lockDir)}; waiting for it...`,
				);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}
