/**
 * `npm test`: what CI runs on a clean clone. Builds and lints the package, type-checks the tools,
 * then runs every test phase (unit, sandbox, workflows through n8n-core, end-to-end in a real n8n,
 * queue mode with workers, the n8n version matrix, the real editor in Chromium), and ends with each
 * phase's time and one summary line for all of them.
 *
 * On a cold machine, scripts/prefetch.mts installs what the later phases need (Debian packages, n8n)
 * in the background while the first phases run; a phase that needs an install still in progress waits
 * for it (apt's and the n8n cache's locks).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testHome = mkdtempSync(path.join(tmpdir(), 'threads-tests-'));
// The first step builds dist/; the end-to-end tests need not build it again.
// The browser tests save a screenshot of every step there (kept, for CI to collect on failure).
const browserArtifacts =
	process.env.THREADS_BROWSER_ARTIFACTS ??
	path.join(
		process.env.N8N_THREADS_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-meta-threads'),
		'browser-artifacts',
		new Date().toISOString().replace(/[:.]/g, '-'),
	);
const env = {
	...process.env,
	N8N_USER_FOLDER: testHome,
	FORCE_COLOR: '0',
	THREADS_E2E_SKIP_BUILD: '1',
	THREADS_BROWSER_ARTIFACTS: browserArtifacts,
};

function testFiles(folder: string): string[] {
	const dir = path.join(root, 'test', folder);
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.test.mts'))
		.sort()
		.map((name) => path.join('test', folder, name));
}

interface Outcome {
	code: number;
	output: string;
}

function run(label: string, command: string, args: string[]): Promise<Outcome> {
	process.stdout.write(`\n=== ${label}\n`);
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			process.stderr.write(chunk);
		});
		child.on('close', (code) => resolve({ code: code ?? 1, output }));
	});
}

function count(output: string, key: 'pass' | 'fail'): number {
	const matches = [...output.matchAll(new RegExp(`^# ${key} (\\d+)$`, 'gm'))];
	return matches.length ? Number(matches[matches.length - 1][1]) : 0;
}

const steps: Array<{ label: string; command: string; args: string[]; tests?: boolean }> = [
	{ label: 'build', command: 'npx', args: ['n8n-node', 'build'] },
	{ label: 'lint (n8n-node lint, strict)', command: 'npx', args: ['n8n-node', 'lint'] },
	{ label: 'type-check sandbox, tests, scripts, bench', command: 'npx', args: ['tsc', '-p', 'tsconfig.tools.json'] },
	{ label: 'unit tests', command: process.execPath, args: ['--import', 'tsx', '--test', ...testFiles('unit')], tests: true },
	{ label: 'sandbox tests', command: process.execPath, args: ['--import', 'tsx', '--test', ...testFiles('sandbox')], tests: true },
	{
		label: 'workflow tests (n8n-core engine against the sandbox)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('workflows')],
		tests: true,
	},
	{
		label: 'end-to-end tests (a real n8n process)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('e2e')],
		tests: true,
	},
	{
		label: 'queue-mode tests (n8n main + 2 workers, Redis, PostgreSQL)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('queue')],
		tests: true,
	},
	{
		label: 'browser tests (a real editor in Chromium)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('browser')],
		tests: true,
	},
	{
		label: 'n8n version matrix (n8n 1.85.4 and 1.123.81 on Node 20, PostgreSQL)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('versions')],
		tests: true,
	},
].filter((step) => !step.tests || step.args.some((arg) => arg.endsWith('.test.mts')));

const runStarted = Date.now();
const prefetchLog = path.join(testHome, 'prefetch.log');
const prefetch = spawn(process.execPath, ['--import', 'tsx', 'scripts/prefetch.mts'], {
	cwd: root,
	env,
	stdio: ['ignore', openSync(prefetchLog, 'a'), openSync(prefetchLog, 'a')],
});
const prefetched = new Promise<number>((resolve) => prefetch.on('exit', (code) => resolve(code ?? 1)));
process.stdout.write(`Installing what later phases need in the background (log: ${prefetchLog})\n`);

let passed = 0;
let failed = 0;
const failures: string[] = [];
const times: string[] = [];
for (const step of steps) {
	const started = Date.now();
	const outcome = await run(step.label, step.command, step.args);
	if (step.tests) {
		passed += count(outcome.output, 'pass');
		failed += count(outcome.output, 'fail');
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	times.push(`${String(seconds).padStart(5)} s  ${step.label}`);
	process.stdout.write(`--- ${step.label}: ${outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`} in ${seconds} s\n`);
	if (outcome.code !== 0) {
		failures.push(step.label);
		if (!step.tests) break;
	}
}
if (failures.length > 0 && prefetch.exitCode === null) prefetch.kill('SIGTERM'); // nobody needs it now
const prefetchCode = await prefetched;
const prefetchText = readFileSync(prefetchLog, 'utf8');
rmSync(testHome, { recursive: true, force: true });

process.stdout.write(`\nBackground installs (exit ${prefetchCode}):\n${prefetchText.split('\n').filter((line) => line.startsWith('prefetch:')).join('\n') || '(nothing to install)'}\n`);
process.stdout.write(`\nPhase times:\n${times.join('\n')}\n${String(Math.round((Date.now() - runStarted) / 1000)).padStart(5)} s  whole run\n`);

process.stdout.write(`\nBrowser screenshots: ${browserArtifacts}\n`);
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failures.length ? 1 : 0);
