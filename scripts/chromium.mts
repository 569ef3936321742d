/**
 * Debian's Chromium, for the browser tests (driven by playwright-core, which never downloads a browser).
 * Installed on first use, like faketime (scripts/faketime.mts). THREADS_CHROMIUM points at another binary.
 */
import { existsSync } from 'node:fs';

import { type DebianNeed, ensureDebian } from './services/debian.mts';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

function findChromium(): string | undefined {
	const fromEnv = process.env.THREADS_CHROMIUM;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`THREADS_CHROMIUM=${fromEnv} does not exist`);
		return fromEnv;
	}
	return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const CHROMIUM: DebianNeed = {
	packages: ['chromium'],
	files: [CANDIDATES[0]],
	why: 'for the browser tests; about a minute, +0.5 GB',
	recommends: true,
};

/** Path of the Chromium binary; installs Debian's package when missing (needs root). */
export function ensureChromium(log: (line: string) => void = () => {}): string {
	const binary = findChromium();
	if (binary) return binary;
	ensureDebian(CHROMIUM, log);
	return CANDIDATES[0];
}

/**
 * Flags for a headless Chromium on a machine with a closed network: without the background-networking
 * ones it keeps trying to reach Google's services.
 */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

if (import.meta.url === `file://${process.argv[1]}`) {
	console.log(ensureChromium((line) => console.log(line)));
}
