/**
 * libfaketime (Debian's `faketime` package) moves a whole process's clock, isolates included: n8n
 * evaluates credential expressions in an isolated-vm isolate, whose Date cannot be patched from
 * JavaScript. The end-to-end tests use it to run n8n days in the future: a process started at a fixed
 * offset (faketimeEnv), or running processes whose shared clock file moves (faketimeFileEnv,
 * writeFaketimeOffset). Installed on first use.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { type DebianNeed, ensureDebian } from './services/debian.mts';

const CANDIDATES = [
	'/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
	'/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
	'/usr/lib/faketime/libfaketime.so.1',
];

function findLibrary(): string | undefined {
	return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const FAKETIME: DebianNeed = {
	packages: ['faketime'],
	files: [],
	why: 'for clock-shifted n8n runs; a few seconds',
};

export function ensureFaketime(log: (line: string) => void = () => {}): string {
	const found = findLibrary();
	if (found) return found;
	ensureDebian({ ...FAKETIME, files: [CANDIDATES[0]] }, log);
	const library = findLibrary();
	if (!library) throw new Error('faketime was installed but libfaketime.so.1 was not found');
	return library;
}

/** Environment that runs a process `offsetMs` in the future; monotonic clocks (timers) stay real. */
export function faketimeEnv(library: string, offsetMs: number): Record<string, string> {
	return {
		LD_PRELOAD: library,
		FAKETIME: `+${Math.round(offsetMs / 1000)}`,
		FAKETIME_DONT_FAKE_MONOTONIC: '1',
		FAKETIME_DONT_RESET: '1',
	};
}

/**
 * A clock several processes share and a test moves while they run (one `n8n start`, or the main and
 * workers of queue mode): each process started with this environment lives the offset written in
 * `file` ahead of real time, and re-reads the file every second. Write the file with
 * writeFaketimeOffset before starting them. Monotonic clocks (timers) stay real.
 */
export function faketimeFileEnv(library: string, file: string): Record<string, string> {
	return {
		LD_PRELOAD: library,
		FAKETIME_TIMESTAMP_FILE: file,
		FAKETIME_CACHE_DURATION: '1',
		FAKETIME_DONT_FAKE_MONOTONIC: '1',
		FAKETIME_DONT_RESET: '1',
	};
}

/**
 * Sets the shared clock of faketimeFileEnv to `offsetMs` from real time (whole seconds; negative is
 * the past). Running processes follow within about a second; waitForServerClock tells when a server has.
 */
export function writeFaketimeOffset(file: string, offsetMs: number): void {
	const seconds = Math.round(offsetMs / 1000);
	const next = `${file}.${process.pid}.tmp`;
	writeFileSync(next, `${seconds < 0 ? '-' : '+'}${Math.abs(seconds)}\n`);
	renameSync(next, file); // atomic: a process re-reading the file never sees it half written
}

/**
 * Waits until the HTTP server at `url` dates its answers (the Date header, to the second) `offsetMs`
 * from real time: it has followed the clock file.
 */
export async function waitForServerClock(url: string, offsetMs: number, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
		const served = Date.parse(response?.headers.get('date') ?? '');
		if (Math.abs(served - (Date.now() + offsetMs)) < 2500) return;
		if (Date.now() > deadline) {
			throw new Error(`${url} did not move its clock to ${offsetMs} ms from real time within ${timeoutMs} ms`);
		}
		await sleep(200);
	}
}
