/**
 * Helpers for the child processes the scripts spawn (npm, node-gyp, n8n): a clean environment,
 * signalling a whole process group, and the end of their output for error messages.
 */
import type { ChildProcess } from 'node:child_process';

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

/**
 * Signals the child's process group (it was spawned detached, so it leads its own group: n8n and the
 * task runners it starts). With `evenIfExited`, also after the leader is gone, for leftovers.
 */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenIfExited = false): void {
	if (child.pid === undefined) return;
	if (!evenIfExited && (child.exitCode !== null || child.signalCode !== null)) return;
	try {
		process.kill(-child.pid, signal); // the whole group: n8n and its task runner(s)
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** The last `lines` lines of a process's output (or of a log file's text). */
export function lastLines(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}
