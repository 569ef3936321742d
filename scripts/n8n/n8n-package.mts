/**
 * The npm step of an n8n install: `npm install --ignore-scripts n8n@<version>` into the runtime's own
 * npm project, started over when an earlier run was interrupted half way.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { npmInstall } from './logged-command.mts';
import type { Log, N8nRuntime } from './runtime.mts';

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
	const command = 'npm install';
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
	writeFileSync(npmStarted, new Date().toISOString() + '\n');
	await npmInstall(`${command} n8n@${rt.version}`, {
		cwd: rt.n8nDir,
		logFile: path.join(rt.cacheDir, `n8n-${rt.version}-install.log`),
		log,
	});
	writeFileSync(npmDone, new Date().toISOString() + '\n');
	rmSync(npmStarted, { force: true });
	if (!existsSync(rt.n8nBin)) throw new Error(`npm install finished but ${rt.n8nBin} is missing`);
}
