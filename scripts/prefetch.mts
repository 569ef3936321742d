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
import { ensureN8n } from './n8n/install.mts';
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
	await timed('n8n (latest pinned 2.x)', () => ensureN8n({ log }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await prefetch((line) => console.log(line));
}
