/**
 * n8n's command line on an instance's user folder: any `n8n <command>`, importing credentials and
 * workflows, and executing a workflow (`n8n execute`). Works with or without a running server.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, createWriteStream, mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { killGroup, lastLines } from './child-process.mts';
import { n8nEnv, n8nLogFile, type N8nInstanceOptions } from './instance.mts';
import { getFreePort } from './ports.mts';
import type { RunData, WorkflowJson } from './workflow-data.mts';

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
	const child = spawn(opts.runtime.node, [opts.runtime.n8nBin, ...args], {
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

/** `n8n import:credentials`: creates or replaces (by id) each credential; data is encrypted by n8n. */
export async function importCredentials(
	opts: N8nInstanceOptions,
	credentials: CredentialToImport[],
): Promise<void> {
	await withTempJson(opts.userFolder, credentials, async (file) => {
		const res = await runN8nCli(opts, ['import:credentials', `--input=${file}`]);
		if (res.code !== 0 || !/Successfully imported \d+ credential/.test(res.stdout + res.stderr)) {
			throw new Error(
				`n8n import:credentials failed (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
			);
		}
	});
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
				`n8n import:workflow failed (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
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
			`n8n execute --id=${workflowId} failed (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
		);
	}
	return JSON.parse(lines.slice(first, last + 1).join('\n')) as RunData;
}

/**
 * `n8n publish:workflow --id`: makes the workflow's current version the active one, so that `n8n
 * start` activates it (its triggers and polls run). Run it before starting n8n: a running server
 * does not see the change until it restarts.
 */
export async function publishWorkflow(opts: N8nInstanceOptions, workflowId: string): Promise<void> {
	const res = await runN8nCli(opts, ['publish:workflow', `--id=${workflowId}`]);
	if (res.code !== 0 || /Error updating database/.test(res.stdout + res.stderr)) {
		throw new Error(
			`n8n publish:workflow --id=${workflowId} failed (exit ${res.code}):\n${lastLines(res.stdout + res.stderr)}`,
		);
	}
}
