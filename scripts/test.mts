/**
 * `npm test`: what CI runs on a clean clone. Builds and lints the package, type-checks the tools,
 * then runs every test phase (unit, sandbox, workflows through n8n-core, end-to-end in a real n8n,
 * the real editor in Chromium),
 * and ends with one summary line for all of them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
		label: 'browser tests (a real editor in Chromium)',
		command: process.execPath,
		args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('browser')],
		tests: true,
	},
];

let passed = 0;
let failed = 0;
const failures: string[] = [];
for (const step of steps) {
	const started = Date.now();
	const outcome = await run(step.label, step.command, step.args);
	if (step.tests) {
		passed += count(outcome.output, 'pass');
		failed += count(outcome.output, 'fail');
	}
	process.stdout.write(`--- ${step.label}: ${outcome.code === 0 ? 'ok' : `FAILED (exit ${outcome.code})`} in ${Math.round((Date.now() - started) / 1000)} s\n`);
	if (outcome.code !== 0) {
		failures.push(step.label);
		if (!step.tests) break;
	}
}
rmSync(testHome, { recursive: true, force: true });

process.stdout.write(`\nBrowser screenshots: ${browserArtifacts}\n`);
if (failures.length) process.stdout.write(`\nFailed steps: ${failures.join(', ')}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failures.length ? 1 : 0);
