// The CLI starts, prints one line and answers /__sandbox/health; SIGTERM stops it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { jsonOf } from './helpers.mts';

const cli = fileURLToPath(new URL('../../sandbox/cli.mts', import.meta.url));

async function freePort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	server.close();
	return port;
}

async function runCli(args: string[], env: NodeJS.ProcessEnv = {}) {
	const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env } });
	let out = '';
	child.stdout.setEncoding('utf8');
	await new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk: string) => {
			out += chunk;
			if (out.includes('\n')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
	});
	return { child, line: () => out.trim() };
}

test('--port: prints the listening line and answers health until SIGTERM', async () => {
	const port = await freePort();
	const { child, line } = await runCli(['--port', String(port), '--image-ms', '5']);
	try {
		assert.equal(line(), `Threads sandbox listening on http://127.0.0.1:${port}`);
		const health = await fetch(`http://127.0.0.1:${port}/__sandbox/health`).then(jsonOf);
		assert.equal(health.ok, true);
		const config = await fetch(`http://127.0.0.1:${port}/__sandbox/config`).then(jsonOf);
		assert.equal(config.processingMs.IMAGE, 5);
	} finally {
		child.kill('SIGTERM');
	}
	const [code] = await once(child, 'exit');
	assert.equal(code, 0);
});

test('THREADS_SANDBOX_PORT is the fallback port', async () => {
	const port = await freePort();
	const { child, line } = await runCli([], { THREADS_SANDBOX_PORT: String(port) });
	try {
		assert.equal(line(), `Threads sandbox listening on http://127.0.0.1:${port}`);
	} finally {
		child.kill('SIGINT');
	}
	await once(child, 'exit');
});
