/**
 * `npm run start:queue` as a newcomer runs it: the editor answers with the package loaded, the
 * example "publish a text post" runs on a worker (not on main) and reaches the sandbox, and Ctrl-C
 * stops every process it started.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { getFreePort, isPortInUse } from '../../scripts/n8n/ports.mts';
import { N8nRestClient } from '../../scripts/n8n/rest-client.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const baseDir = mkdtempSync(path.join(os.tmpdir(), 'threads-start-queue-'));
after(() => rmSync(baseDir, { recursive: true, force: true }));

function workerLog(name: string): string {
	try {
		return readFileSync(path.join(baseDir, name, 'n8n.log'), 'utf8');
	} catch {
		return '';
	}
}

test('npm run start:queue: editor, package on every process, an example run on a worker, clean stop', { timeout: 10 * 60_000 }, async () => {
	const started = Date.now();
	const [n8nPort, sandboxPort] = [await getFreePort(), await getFreePort()];
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-queue.mts'], {
		cwd: repoRoot,
		env: {
			...process.env,
			THREADS_N8N_PORT: String(n8nPort),
			THREADS_SANDBOX_PORT: String(sandboxPort),
			THREADS_QUEUE_DIR: baseDir,
			THREADS_SKIP_BUILD: process.env.THREADS_E2E_SKIP_BUILD === '1' ? '1' : '',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	try {
		await new Promise<void>((resolve, reject) => {
			const timer = setInterval(() => {
				if (output.includes('Press Ctrl-C to stop.')) resolve();
				else if (child.exitCode !== null) reject(new Error(`start:queue exited:\n${output}`));
			}, 250);
			void exited.finally(() => clearInterval(timer));
			void new Promise((r) => setTimeout(r, 8 * 60_000)).then(() => reject(new Error(`not ready:\n${output}`)));
		});
		console.log(`start:queue ready in ${Math.round((Date.now() - started) / 1000)} s`);
		assert.match(output, /Threads node: loaded \(n8n-nodes-meta-threads\.threads, and its AI-tool variant\)/);
		assert.match(output, /2 workers run the executions/);
		const example = /"Threads: publish a text post"\s+http:\/\/localhost:\d+\/workflow\/(\w+)/.exec(output);
		assert.ok(example, output);

		const client = new N8nRestClient(`http://127.0.0.1:${n8nPort}`);
		await client.login('owner@example.com', 'Threads-sandbox-1');
		const run = await client.runWorkflow(example[1], 240_000);
		assert.equal(run.status, 'success');
		const ranOn = ['worker-1', 'worker-2'].filter((name) => /Worker started execution \d+/.test(workerLog(name)));
		assert.equal(ranOn.length, 1, 'one worker ran the execution');
		assert.doesNotMatch(workerLog('main'), /Worker started execution/);
		const published = (await (await fetch(`http://127.0.0.1:${sandboxPort}/__sandbox/published`)).json()) as Array<{ text: string }>;
		assert.equal(published.length, 1);
		console.log(`the example ran on ${ranOn[0]} and published 1 post`);
	} finally {
		child.kill('SIGINT');
		const code = await exited;
		assert.equal(code, 0, output.slice(-2000));
	}
	assert.match(output, /Stopped\./);
	const services = /Redis :(\d+), PostgreSQL :(\d+)/.exec(output);
	assert.ok(services, output);
	for (const port of [n8nPort, sandboxPort, Number(services[1]), Number(services[2])]) {
		assert.equal(await isPortInUse(port), false, `port ${port} is free again`);
	}
});
