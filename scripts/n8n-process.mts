/**
 * Drives a real n8n (the pinned one from n8n-runtime.mts) from outside: prepares a user folder, installs
 * this package into it the way n8n's community-package installer does, imports credentials and
 * workflows with n8n's CLI, starts `n8n start`, talks to its REST API (log in, node types, run a
 * workflow, read the execution) and shuts it down. Shared by scripts/start.mts and test/e2e.
 *
 * Node built-ins only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
	chmodSync,
	createWriteStream,
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	realpathSync,
	rmdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
	type WriteStream,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cleanChildEnv, type Log, type N8nRuntime } from './n8n-runtime.mts';

export const THREADS_PACKAGE = 'n8n-nodes-meta-threads';
export const THREADS_NODE_TYPE = `${THREADS_PACKAGE}.threads`;
export const THREADS_TOOL_NODE_TYPE = `${THREADS_PACKAGE}.threadsTool`;
export const THREADS_CREDENTIAL_TYPE = 'threadsOAuth2Api';
export const SANDBOX_CREDENTIAL_NAME = 'Threads (local sandbox)';

export interface Owner {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface N8nInstanceOptions {
	runtime: N8nRuntime;
	/** Becomes N8N_USER_FOLDER: n8n keeps everything in `<userFolder>/.n8n` (SQLite DB, key, nodes). */
	userFolder: string;
	/** HTTP port of `n8n start`. */
	port: number;
	/** Task-runner broker port of `n8n start` (default of n8n is 5679; give each instance its own). */
	runnerPort: number;
	/** Default 127.0.0.1. */
	listenAddress?: string;
	/** When given, n8n creates/updates this owner at start (N8N_INSTANCE_OWNER_MANAGED_BY_ENV). */
	owner?: Owner;
	/** n8n log level (default info). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Extra environment variables for every n8n process. */
	env?: Record<string, string>;
	log?: Log;
}

const BROWSER_ID = 'n8n-nodes-meta-threads-harness';

// ---------------------------------------------------------------------------------------------
// small helpers

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP port that is free on 127.0.0.1 right now (the OS picks it). */
export async function getFreePort(host = '127.0.0.1'): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, host, () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts TCP connections on host:port. */
export async function isPortInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return await new Promise<boolean>((resolve) => {
		const socket = net.connect({ port, host });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

function n8nFolder(userFolder: string): string {
	return path.join(userFolder, '.n8n');
}

/** File that receives the output of every n8n process of this user folder (server and CLI). */
export function n8nLogFile(userFolder: string): string {
	return path.join(userFolder, 'n8n.log');
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, computed with n8n's own bcryptjs. */
export function hashPassword(runtime: N8nRuntime, password: string): string {
	const requireFromN8n = createRequire(
		path.join(runtime.n8nDir, 'node_modules', 'n8n', 'package.json'),
	);
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(pw: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

/** Deterministic n8n-style id (16 chars of [0-9A-Za-z]) derived from a seed. */
export function stableId(seed: string): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const digest = createHash('sha256').update(seed).digest();
	let id = '';
	for (let i = 0; i < 16; i++) id += alphabet[digest[i] % alphabet.length];
	return id;
}

// ---------------------------------------------------------------------------------------------
// environment

export function n8nEnv(
	opts: N8nInstanceOptions,
	overrides: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const env = cleanChildEnv();
	// Anything N8N_* from the caller's shell could point this instance at another DB/folder: drop it,
	// except what the caller passes explicitly through opts.env.
	for (const key of Object.keys(env))
		if (key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
	Object.assign(env, {
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: opts.listenAddress ?? '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(opts.runnerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		// offline machine: don't phone home
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// the sandbox listens on loopback
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8,::1/128',
		N8N_SECURE_COOKIE: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: opts.logLevel ?? 'info',
		NO_COLOR: '1',
	});
	if (opts.owner) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: opts.owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: opts.owner.firstName ?? 'Local',
			N8N_INSTANCE_OWNER_LAST_NAME: opts.owner.lastName ?? 'Developer',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(opts),
		});
	}
	Object.assign(env, opts.env ?? {}, overrides);
	return env;
}

const hashCache = new Map<string, string>();
function ownerPasswordHash(opts: N8nInstanceOptions): string {
	const password = opts.owner?.password ?? '';
	let hash = hashCache.get(password);
	if (!hash) {
		hash = hashPassword(opts.runtime, password);
		hashCache.set(password, hash);
	}
	return hash;
}

/**
 * n8n copies its whole editor (hundreds of .js files) into `<userFolder>/.cache/n8n/public` at every
 * start. For a user folder inside the repository that would make `eslint .` (n8n-node lint, whose
 * strict mode forbids adding ignores) walk them; ESLint does not follow directory symlinks, so we keep
 * that cache outside the repository and link it in. It is rebuilt at every start anyway.
 */
export function linkStaticCacheOutside(userFolder: string, runtime: N8nRuntime): string {
	const target = path.join(runtime.cacheDir, 'editor-cache', stableId(path.resolve(userFolder)));
	const link = path.join(userFolder, '.cache');
	mkdirSync(target, { recursive: true });
	mkdirSync(userFolder, { recursive: true });
	try {
		const stat = lstatSync(link);
		if (stat.isSymbolicLink() && readlinkSync(link) === target) return target;
		rmSync(link, { recursive: true, force: true });
	} catch {
		// no link yet
	}
	symlinkSync(target, link, 'dir');
	return target;
}

// ---------------------------------------------------------------------------------------------
// installing the package into the user folder

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
}

/**
 * Installs the built package (its `npm pack` contents) into `<userFolder>/.n8n/nodes/node_modules/<name>`,
 * as n8n's community-package installer does (pack, extract, drop dev/peer/optional dependencies from
 * package.json, install remaining dependencies with scripts off, record it in nodes/package.json).
 * n8n loads every `n8n-nodes-*` folder there at start, under the package's real name
 * (`n8n-nodes-meta-threads.threads`), unlike N8N_CUSTOM_EXTENSIONS which prefixes `CUSTOM.`.
 *
 * `n8n-workflow` (a peer dependency) must be n8n's own copy, or `instanceof NodeApiError` checks in
 * n8n fail: a symlink `nodes/node_modules/n8n-workflow` -> n8n's copy makes Node resolve it there
 * before it could walk up to a repository's node_modules.
 */
export function installPackageIntoUserFolder(opts: {
	runtime: N8nRuntime;
	userFolder: string;
	packageDir: string;
	log?: Log;
}): InstalledPackage {
	const { runtime, userFolder, packageDir } = opts;
	const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!existsSync(path.join(packageDir, file))) {
			throw new Error(
				`${file} (listed in package.json "n8n") is missing: run "npm run build" first`,
			);
		}
	}
	const nodesDir = path.join(n8nFolder(userFolder), 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	const target = path.join(modulesDir, ...pkg.name.split('/'));
	mkdirSync(modulesDir, { recursive: true });

	const packDir = mkdtempSync(path.join(os.tmpdir(), 'threads-pack-'));
	try {
		const packed = spawnSync(
			'npm',
			['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
			{
				cwd: packageDir,
				encoding: 'utf8',
				env: cleanChildEnv(),
			},
		);
		if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
		const info = JSON.parse(packed.stdout) as Array<{ filename: string }>;
		const tarball = path.join(packDir, info[0].filename);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const tar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
			encoding: 'utf8',
		});
		if (tar.status !== 0) throw new Error(`tar failed:\n${tar.stderr}`);
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	const installedJsonPath = path.join(target, 'package.json');
	const installedJson = JSON.parse(readFileSync(installedJsonPath, 'utf8')) as Record<
		string,
		unknown
	>;
	delete installedJson.devDependencies;
	delete installedJson.peerDependencies;
	delete installedJson.optionalDependencies;
	writeFileSync(installedJsonPath, JSON.stringify(installedJson, null, 2));
	const deps = (installedJson.dependencies ?? {}) as Record<string, string>;
	if (Object.keys(deps).length > 0) {
		const res = spawnSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: target, encoding: 'utf8', env: cleanChildEnv() },
		);
		if (res.status !== 0)
			throw new Error(`npm install of the package's dependencies failed:\n${res.stderr}`);
	}

	// n8n-workflow -> n8n's own copy
	const n8nWorkflow = path.join(runtime.n8nDir, 'node_modules', 'n8n-workflow');
	const link = path.join(modulesDir, 'n8n-workflow');
	try {
		if (lstatSync(link)) rmSync(link, { recursive: true, force: true });
	} catch {
		// absent
	}
	symlinkSync(n8nWorkflow, link, 'dir');
	const resolved = realpathSync(createRequire(installedJsonPath).resolve('n8n-workflow'));
	if (!resolved.startsWith(realpathSync(n8nWorkflow) + path.sep)) {
		throw new Error(
			`n8n-workflow resolves to ${resolved} from the installed package, not to n8n's copy`,
		);
	}

	// nodes/package.json, as n8n keeps it
	const nodesPackageJson = path.join(nodesDir, 'package.json');
	let manifest: { name: string; private: boolean; dependencies: Record<string, string> } = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	try {
		manifest = {
			...manifest,
			...(JSON.parse(readFileSync(nodesPackageJson, 'utf8')) as typeof manifest),
		};
	} catch {
		// first install
	}
	manifest.dependencies = { ...(manifest.dependencies ?? {}), [pkg.name]: pkg.version };
	writeFileSync(nodesPackageJson, JSON.stringify(manifest, null, 2));
	opts.log?.(`Installed ${pkg.name}@${pkg.version} into ${target}`);
	return { name: pkg.name, version: pkg.version, dir: target };
}

// ---------------------------------------------------------------------------------------------
// CLI commands (import:*, execute)

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

function appendToLog(userFolder: string, text: string): void {
	mkdirSync(userFolder, { recursive: true });
	const fd = createWriteStream(n8nLogFile(userFolder), { flags: 'a' });
	fd.end(text);
}

/**
 * Runs `n8n <args>` on the instance's user folder. Works while the server runs (same SQLite file); it
 * gets ports of its own so it never collides with the server's. Output also goes to the log file.
 */
export async function runN8nCli(
	opts: N8nInstanceOptions,
	args: string[],
	timeoutMs = 180_000,
): Promise<CliResult> {
	// The owner is applied by `n8n start` only; keep it out of CLI runs.
	const env = n8nEnv(
		{ ...opts, owner: undefined },
		{ N8N_PORT: String(await getFreePort()), N8N_RUNNERS_BROKER_PORT: String(await getFreePort()) },
	);
	const child = spawn(opts.runtime.node24, [opts.runtime.n8nBin, ...args], {
		cwd: opts.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
	child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', (c) => resolve(c));
	}).finally(() => clearTimeout(timer));
	appendToLog(
		opts.userFolder,
		`\n----- n8n ${args.join(' ')} (exit ${code}) -----\n${stdout}${stderr}`,
	);
	return { code, stdout, stderr };
}

export interface CredentialToImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Writes a short-lived 0600 file for n8n to read, and removes it afterwards. */
async function withTempJson<T>(
	userFolder: string,
	value: unknown,
	fn: (file: string) => Promise<T>,
): Promise<T> {
	const dir = path.join(userFolder, 'import-tmp');
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const file = path.join(dir, `${randomUUID()}.json`);
	writeFileSync(file, JSON.stringify(value), { mode: 0o600 });
	chmodSync(file, 0o600);
	try {
		return await fn(file);
	} finally {
		rmSync(file, { force: true });
		try {
			rmdirSync(dir); // only when empty (another import may be running)
		} catch {
			// not empty, or gone
		}
	}
}

/**
 * The credential `npm start` and the end-to-end tests use: "Threads (local sandbox)", holding a token
 * issued by the sandbox, with the sandbox as its API base URL.
 */
export async function importSandboxCredential(
	opts: N8nInstanceOptions,
	sandbox: { url: string; app: { clientId: string; clientSecret: string } },
	credentialId: string,
	accessToken: string,
): Promise<void> {
	await importCredentials(opts, [
		{
			id: credentialId,
			name: SANDBOX_CREDENTIAL_NAME,
			type: THREADS_CREDENTIAL_TYPE,
			data: {
				apiBaseUrl: sandbox.url,
				authFlow: 'accessToken',
				accessToken,
				appId: sandbox.app.clientId,
				appSecret: sandbox.app.clientSecret,
			},
		},
	]);
}

/** `n8n import:credentials`: creates or replaces (by id) each credential; data is encrypted by n8n. */
export async function importCredentials(
	opts: N8nInstanceOptions,
	credentials: CredentialToImport[],
): Promise<void> {
	await withTempJson(opts.userFolder, credentials, async (file) => {
		const res = await runN8nCli(opts, ['import:credentials', `--input=${file}`]);
		if (res.code !== 0 || !/Successfully imported \d+ credential/.test(res.stdout + res.stderr)) {
			throw new Error(
				`n8n import:credentials failed (exit ${res.code}):\n${tail(res.stdout + res.stderr)}`,
			);
		}
	});
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id?: string | null; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Points every credential reference of the given type (or with the given name) at `credential.id`.
 * Returns how many references were bound.
 */
export function bindCredential(
	workflow: WorkflowJson,
	credential: { id: string; name: string; type: string },
): number {
	let bound = 0;
	for (const node of workflow.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			if (type === credential.type || ref?.name === credential.name) {
				node.credentials![type] = { id: credential.id, name: credential.name };
				bound++;
			}
		}
	}
	return bound;
}

/** `n8n import:workflow`: creates or replaces (by id) each workflow. Workflows need an id. */
export async function importWorkflows(
	opts: N8nInstanceOptions,
	workflows: WorkflowJson[],
): Promise<void> {
	for (const wf of workflows) if (!wf.id) throw new Error(`workflow "${wf.name}" has no id`);
	await withTempJson(opts.userFolder, workflows, async (file) => {
		const res = await runN8nCli(opts, ['import:workflow', `--input=${file}`]);
		if (res.code !== 0 || !/Successfully imported \d+ workflow/.test(res.stdout + res.stderr)) {
			throw new Error(
				`n8n import:workflow failed (exit ${res.code}):\n${tail(res.stdout + res.stderr)}`,
			);
		}
	});
}

/**
 * `n8n execute --id` (the CLI way, usable with or without a running server). Returns n8n's run data
 * (`{ data: { resultData: { runData, error?, lastNodeExecuted } }, status, ... }`).
 */
export async function executeWorkflowCli(
	opts: N8nInstanceOptions,
	workflowId: string,
): Promise<RunData> {
	const res = await runN8nCli(opts, ['execute', `--id=${workflowId}`, '--rawOutput']);
	// n8n's own log lines share stdout; the result is JSON.stringify(data, null, 2): from a line "{" to
	// the first line "}" (inner lines are indented).
	// (At debug level the logger prefixes the first line with time and level, and appends metadata
	// after the closing brace.)
	const lines = res.stdout.split('\n');
	const first = lines.findIndex((line) => /^(?:\d\d:\d\d:\d\d\.\d+\s+info\s+)?\{$/.test(line));
	if (first >= 0) lines[first] = '{';
	const last = lines.findIndex((line, i) => i > first && line.startsWith('}'));
	if (last >= 0) lines[last] = '}';
	if (res.code !== 0 || first < 0 || last < 0) {
		throw new Error(
			`n8n execute --id=${workflowId} failed (exit ${res.code}):\n${tail(res.stdout + res.stderr)}`,
		);
	}
	return JSON.parse(lines.slice(first, last + 1).join('\n')) as RunData;
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// the server

/**
 * Signals the child's process group (it was spawned detached, so it leads its own group: n8n and the
 * task runners it starts). With `evenIfExited`, also after the leader is gone, for leftovers.
 */
function killGroup(child: ChildProcess, signal: NodeJS.Signals, evenIfExited = false): void {
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
					`n8n exited before it was ready. Last lines of ${this.logFile}:\n${tail(readFileSync(this.logFile, 'utf8'))}`,
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
	mkdirSync(opts.userFolder, { recursive: true });
	const logStream = createWriteStream(n8nLogFile(opts.userFolder), { flags: 'a' });
	logStream.write(`\n----- n8n start (port ${opts.port}, ${new Date().toISOString()}) -----\n`);
	const child = spawn(opts.runtime.node24, [opts.runtime.n8nBin, 'start'], {
		cwd: opts.userFolder,
		env: n8nEnv(opts),
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

// ---------------------------------------------------------------------------------------------
// REST client

export interface RunData {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					executionStatus?: string;
					error?: { message?: string; description?: string };
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecutionResult extends RunData {
	id: string;
	workflowId?: string;
	mode?: string;
}

/** Output items (`json`) of a node's last run, first output. */
export function nodeOutput(run: RunData, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`,
		);
	const last = runs[runs.length - 1];
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}

/** Parses n8n's "flatted" serialisation (used for execution data in the internal REST API). */
export function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const seen = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (seen.has(index)) return seen.get(index);
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		seen.set(index, out);
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			(out as Record<string, unknown>)[key] =
				typeof item === 'string' ? revive(Number(item)) : item;
		}
		return out;
	};
	return revive(0);
}

export class RestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

export class N8nRestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(30_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const pair = c.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await res.text();
		if (!res.ok)
			throw new RestError(
				`${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`,
				res.status,
				text,
			);
		if (!text) return undefined as T;
		const json = JSON.parse(text) as unknown;
		// the internal REST API wraps payloads in { data }
		return (
			json && typeof json === 'object' && 'data' in json && Object.keys(json).length === 1
				? (json as { data: T }).data
				: json
		) as T;
	}

	async login(email: string, password: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
				if (!this.cookie) throw new Error('login answered without an n8n-auth cookie');
				return;
			} catch (error) {
				// right after start the owner may not be applied yet
				if (Date.now() > deadline) throw error;
				await sleep(1000);
			}
		}
	}

	/** Node type descriptions as the editor receives them (`/types/nodes.json`). */
	async nodeTypes(): Promise<
		Array<{ name: string; displayName: string; version: number | number[] }>
	> {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		return await this.request('GET', '/types/credentials.json');
	}

	async workflow(id: string): Promise<WorkflowJson & { id: string }> {
		return await this.request('GET', `/rest/workflows/${id}`);
	}

	async workflows(): Promise<Array<{ id: string; name: string }>> {
		const res = await this.request<unknown>('GET', '/rest/workflows');
		// { count, data: [...] } in n8n 2.x; a bare array in older versions
		if (Array.isArray(res)) return res as Array<{ id: string; name: string }>;
		return ((res as { data?: unknown }).data ?? []) as Array<{ id: string; name: string }>;
	}

	async execution(id: string): Promise<ExecutionResult & { data: RunData['data'] | string }> {
		return await this.request('GET', `/rest/executions/${id}`);
	}

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (manual mode, from its first
	 * manual trigger) and waits for the saved execution; returns it with its run data parsed.
	 */
	async runWorkflow(id: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const wf = await this.workflow(id);
		const trigger =
			wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ??
			wf.nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`workflow ${id} has no trigger node to start from`);
		const started = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${id}/run`,
			{ triggerToStartFrom: { name: trigger.name } },
		);
		if (!started?.executionId)
			throw new Error(`workflow ${id} did not start: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const ex = await this.execution(started.executionId);
				const done =
					ex.finished || ['success', 'error', 'crashed', 'canceled'].includes(String(ex.status));
				if (done && ex.data) {
					const data = (
						typeof ex.data === 'string' ? unflatten(ex.data) : ex.data
					) as RunData['data'];
					return { ...ex, id: started.executionId, data };
				}
			} catch (error) {
				if (!(error instanceof RestError && error.status === 404)) throw error;
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${started.executionId} did not finish within ${timeoutMs / 1000}s`,
				);
			await sleep(500);
		}
	}
}
