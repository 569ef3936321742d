/**
 * Long-running install commands (npm install, node-gyp): output appended to a log file, a heartbeat
 * line while they run, and a watchdog that stops a command that has stalled.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cleanChildEnv, lastLines } from './child-process.mts';
import type { Log } from './runtime.mts';

export function fmtDuration(ms: number): string {
	const s = Math.round(ms / 1000);
	return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
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
		const tail = lastLines(readFileSync(opts.logFile, 'utf8'));
		throw new Error(`${label} failed (exit ${code}). Last lines of ${opts.logFile}:\n${tail}`);
	}
	opts.log(`  ${label}: done in ${fmtDuration(Date.now() - started)}`);
}

/**
 * npm install (`npm ci` with `ci`: exactly the tree of the package-lock.json beside package.json),
 * tried again when it stalls. A killed npm can leave a package half extracted that the
 * next run would take as installed, so node_modules is removed first (the downloaded tarballs stay in
 * npm's cache, so the retry is quicker).
 */
export async function npmInstall(
	label: string,
	opts: { cwd: string; logFile: string; log: Log; attempts?: number; ci?: boolean },
): Promise<void> {
	const attempts = opts.attempts ?? 3;
	for (let attempt = 1; ; attempt++) {
		try {
			await runLogged(
				label,
				'npm',
				[opts.ci ? 'ci' : 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
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
