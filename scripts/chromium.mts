/**
 * Debian's Chromium, for the browser tests (driven by playwright-core, which never downloads a browser).
 * Installed on first use, like faketime (scripts/faketime.mts). THREADS_CHROMIUM points at another binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

function findChromium(): string | undefined {
	const fromEnv = process.env.THREADS_CHROMIUM;
	if (fromEnv) {
		if (!existsSync(fromEnv)) throw new Error(`THREADS_CHROMIUM=${fromEnv} does not exist`);
		return fromEnv;
	}
	return CANDIDATES.find((candidate) => existsSync(candidate));
}

function aptInstall(log: (line: string) => void): void {
	const install = () =>
		spawnSync('apt-get', ['install', '-y', 'chromium'], {
			encoding: 'utf8',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	log('installing Debian package chromium (for the browser tests; about a minute, +0.5 GB)');
	if (install().status === 0) return;
	spawnSync('apt-get', ['update'], { encoding: 'utf8' });
	const second = install();
	if (second.status !== 0) throw new Error(`apt-get install chromium failed:\n${second.stderr}`);
}

/** Path of the Chromium binary; installs Debian's package when missing (needs root). */
export function ensureChromium(log: (line: string) => void = () => {}): string {
	let binary = findChromium();
	if (!binary) {
		if (process.getuid?.() !== 0) {
			throw new Error('Chromium is missing: run "sudo apt-get install -y chromium" once');
		}
		aptInstall(log);
		binary = findChromium();
		if (!binary) throw new Error('chromium was installed but /usr/bin/chromium was not found');
	}
	return binary;
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
