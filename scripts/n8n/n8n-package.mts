/**
 * The npm step of an n8n install: `npm install --ignore-scripts n8n@<version>` into the runtime's own
 * npm project, started over when an earlier run was interrupted half way. Where locks/ holds an npm
 * lockfile for the version, `npm ci` installs exactly that tree: the one the tests passed on, and
 * on a cold machine in about half the time (npm resolves none of n8n's ~1,800 packages).
 * A lockfile is the package-lock.json a plain install wrote (`<cache>/n8n-<version>/`).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmInstall } from './logged-command.mts';
import type { Log, N8nRuntime } from './runtime.mts';

const LOCKS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'locks');

function lockFor(version: string): string | undefined {
	const file = path.join(LOCKS_DIR, `n8n-${version}.package-lock.json`);
	return existsSync(file) ? file : undefined;
}

function installedVersion(rt: N8nRuntime): string | undefined {
	try {
		const file = path.join(rt.n8nDir, 'node_modules', 'n8n', 'package.json');
		return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

/**
 * Installs n8n into `rt.n8nDir` unless a finished install is there. `overrides` go into the npm
 * project's package.json (npm's `overrides`: e.g. a dependency pinned to a URL outside the registry).
 * The caller holds the install lock.
 */
export async function installN8nPackage(
	rt: N8nRuntime,
	log: Log,
	opts: { overrides?: Record<string, string>; expected?: string } = {},
): Promise<void> {
	mkdirSync(rt.n8nDir, { recursive: true });
	const npmStarted = path.join(rt.n8nDir, '.threads-npm-started');
	const npmDone = path.join(rt.n8nDir, '.threads-npm-done');
	if (existsSync(npmDone) && existsSync(rt.n8nBin)) return;
	if (existsSync(npmStarted)) {
		// We hold the lock, so nobody else is installing: an earlier run was interrupted, and could
		// have left packages half extracted.
		log("An earlier install was interrupted; starting over (downloads stay in npm's cache) ...");
		rmSync(path.join(rt.n8nDir, 'node_modules'), { recursive: true, force: true });
	}
	const installed = installedVersion(rt);
	const lock = lockFor(rt.version);
	const command = lock ? 'npm ci' : 'npm install';
	writeFileSync(
		path.join(rt.n8nDir, 'package.json'),
		JSON.stringify({
			name: 'n8n-runtime',
			private: true,
			dependencies: { n8n: rt.version },
			...(opts.overrides ? { overrides: opts.overrides } : {}),
		}) + '\n',
	);
	log(
		installed === rt.version
			? `Checking the n8n ${rt.version} install in ${rt.n8nDir} (${command}) ...`
			: `Installing n8n ${rt.version} into ${rt.n8nDir} (${command} --ignore-scripts${opts.expected ? `: ${opts.expected}` : ''}) ...`,
	);
	if (lock) copyFileSync(lock, path.join(rt.n8nDir, 'package-lock.json'));
	writeFileSync(npmStarted, new Date().toISOString() + '\n');
	await npmInstall(`${command} n8n@${rt.version}`, {
		cwd: rt.n8nDir,
		logFile: path.join(rt.cacheDir, `n8n-${rt.version}-install.log`),
		log,
		ci: Boolean(lock),
	});
	writeFileSync(npmDone, new Date().toISOString() + '\n');
	rmSync(npmStarted, { force: true });
	if (!existsSync(rt.n8nBin)) throw new Error(`npm install finished but ${rt.n8nBin} is missing`);
}
