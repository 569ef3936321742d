/**
 * `n8n start` for an instance: started in its own process group with its output in the instance's log
 * file, ready once it answers /healthz/readiness, stopped together with its task runners.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { killGroup, lastLines } from './child-process.mts';
import { n8nEnv, n8nLogFile, type N8nInstanceOptions, type Owner } from './instance.mts';
import { N8nRestClient } from './rest-client.mts';

export class N8nServer {
	readonly url: string;
	readonly logFile: string;
	private exited: Promise<number | null>;
	private readonly onParentExit = () => killGroup(this.child, 'SIGKILL');

	constructor(
		readonly opts: N8nInstanceOptions,
		readonly child: ChildProcess,
		private readonly logStream: WriteStream,
	) {
		const host =
			opts.listenAddress && !['0.0.0.0', '::'].includes(opts.listenAddress)
				? opts.listenAddress
				: '127.0.0.1';
		this.url = `http://${host.includes(':') ? `[${host}]` : host}:${opts.port}`;
		this.logFile = n8nLogFile(opts.userFolder);
		this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		process.on('exit', this.onParentExit);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Resolves when the process has exited (with its exit code). */
	waitForExit(): Promise<number | null> {
		return this.exited;
	}

	async waitUntilReady(timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		let exited = false;
		void this.exited.then(() => (exited = true));
		while (Date.now() < deadline) {
			if (exited) {
				throw new Error(
					`n8n exited before it was ready. Last lines of ${this.logFile}:\n${lastLines(readFileSync(this.logFile, 'utf8'))}`,
				);
			}
			try {
				const res = await fetch(`${this.url}/healthz/readiness`, {
					signal: AbortSignal.timeout(2000),
				});
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n was not ready within ${timeoutMs / 1000}s (log: ${this.logFile})`);
	}

	/** SIGTERM, then SIGKILL for the process group if it hasn't exited after `graceMs`. */
	async stop(graceMs = 20_000): Promise<void> {
		process.off('exit', this.onParentExit);
		if (this.running) {
			killGroup(this.child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// the task runner is in the same group; make sure nothing of it is left behind
		killGroup(this.child, 'SIGKILL', true);
		await new Promise<void>((resolve) => this.logStream.end(() => resolve()));
	}

	/** SIGKILL for the whole process group at once, as a crash or the OOM killer would. */
	async kill(): Promise<void> {
		process.off('exit', this.onParentExit);
		killGroup(this.child, 'SIGKILL', true);
		await this.exited;
		await new Promise<void>((resolve) => this.logStream.end(() => resolve()));
	}

	/** A REST client logged in as the owner (the server must have been started with `owner`). */
	async login(owner: Owner | undefined = this.opts.owner): Promise<N8nRestClient> {
		if (!owner) throw new Error('no owner configured for this n8n instance');
		const client = new N8nRestClient(this.url);
		await client.login(owner.email, owner.password);
		return client;
	}
}

/** Starts `n8n start` for the instance; resolves once it answers /healthz/readiness. */
export async function startN8n(
	opts: N8nInstanceOptions,
	readyTimeoutMs = 120_000,
): Promise<N8nServer> {
	return await startN8nProcess(opts, ['start'], readyTimeoutMs);
}

/**
 * Starts `n8n <args>` (`start`, or `worker` with its health server on `opts.port`); resolves once
 * `opts.port` answers /healthz/readiness.
 */
export async function startN8nProcess(
	opts: N8nInstanceOptions,
	args: string[],
	readyTimeoutMs = 120_000,
	env: Record<string, string> = {},
): Promise<N8nServer> {
	mkdirSync(opts.userFolder, { recursive: true });
	const logStream = createWriteStream(n8nLogFile(opts.userFolder), { flags: 'a' });
	logStream.write(`\n----- n8n ${args.join(' ')} (port ${opts.port}, ${new Date().toISOString()}) -----\n`);
	const child = spawn(opts.runtime.node, [opts.runtime.n8nBin, ...args], {
		cwd: opts.userFolder,
		env: n8nEnv(opts, env),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so stop() can end the task runner too
	});
	child.stdout!.pipe(logStream, { end: false });
	child.stderr!.pipe(logStream, { end: false });
	const server = new N8nServer(opts, child, logStream);
	try {
		await server.waitUntilReady(readyTimeoutMs);
	} catch (error) {
		await server.stop(5000);
		throw error;
	}
	return server;
}
