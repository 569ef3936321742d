/**
 * Installs everything the tests use, ahead of time: the Debian packages (one apt-get for all), then
 * the pinned n8n runtimes. `npm test` runs it in the background while the first phases run, so a cold
 * machine downloads while it builds and tests; every install is cached (apt, and outside the
 * repository for n8n), and each later user (a test, `npm start`) waits for an install in progress
 * through its lock instead of starting a second one.
 *
 *   node --import tsx scripts/prefetch.mts
 */
import { CEPH } from './ceph.mts';
import { CHROMIUM } from './chromium.mts';
import { FAKETIME } from './faketime.mts';
import { ensureN8n, ensureN8nVersion } from './n8n/install.mts';
import { N8N_1X_VERSIONS, N8N_VERSION } from './n8n/runtime.mts';
import { type DebianNeed, ensureDebian, isInstalled } from './services/debian.mts';
import { POSTGRES } from './services/postgres.mts';
import { REDIS } from './services/redis.mts';

const FAKETIME_FILE = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export async function prefetch(log: (line: string) => void): Promise<void> {
	const timed = async (what: string, work: () => unknown) => {
		const started = Date.now();
		await work();
		log(`prefetch: ${what} ready in ${Math.round((Date.now() - started) / 1000)} s`);
	};
	const needs: DebianNeed[] = [CEPH, { ...FAKETIME, files: [FAKETIME_FILE] }, REDIS, POSTGRES, CHROMIUM];
	const missing = needs.filter((need) => !isInstalled(need));
	if (missing.length > 0 && process.getuid?.() === 0) {
		await timed(`Debian packages (${missing.flatMap((need) => need.packages).join(' ')})`, () =>
			ensureDebian(
				{
					packages: missing.flatMap((need) => need.packages),
					files: missing.flatMap((need) => need.files),
					why: 'everything the tests use, at once',
					recommends: missing.some((need) => need.recommends),
				},
				log,
			),
		);
	}
	// The end-to-end phase needs 2.x first; the 1.x versions (version matrix, last phase) side by side after it.
	await timed(`n8n ${N8N_VERSION}`, () => ensureN8n({ log }));
	await Promise.all(N8N_1X_VERSIONS.map((version) => timed(`n8n ${version}`, () => ensureN8nVersion(version, { log }))));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await prefetch((line) => console.log(line));
}
