/**
 * libfaketime (Debian's `faketime` package) moves a whole process's clock, isolates included: n8n
 * evaluates credential expressions in an isolated-vm isolate, whose Date cannot be patched from
 * JavaScript. The end-to-end tests use it to run n8n days in the future. Installed on first use.
 */
import { existsSync, writeFileSync } from 'node:fs';

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
 * Environment for processes that share one clock that can jump while they run: libfaketime re-reads
 * `file` (an offset such as `+432000`, in seconds) at most once a second. Write it with
 * writeFaketimeOffset before starting them.
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

/** Moves the clock of every process started with faketimeFileEnv(…, file) to now + offsetMs. */
export function writeFaketimeOffset(file: string, offsetMs: number): void {
	writeFileSync(file, `+${Math.round(offsetMs / 1000)}\n`);
}
