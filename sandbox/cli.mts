// node --import tsx sandbox/cli.mts --port 5680 [--host 127.0.0.1] [--latency-ms N] [--image-ms N] [--video-ms N]
import { parseArgs } from 'node:util';
import { startSandbox } from './index.mts';

const { values } = parseArgs({
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		'latency-ms': { type: 'string' },
		'image-ms': { type: 'string' },
		'video-ms': { type: 'string' },
	},
});

function number(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) {
		process.stderr.write(`threads sandbox: --${name} must be a non-negative number\n`);
		process.exit(2);
	}
	return value;
}

const sandbox = await startSandbox({
	port: number('port', values.port ?? process.env.THREADS_SANDBOX_PORT) ?? 5680,
	host: values.host ?? '127.0.0.1',
	latencyMs: number('latency-ms', values['latency-ms']),
	processingMs: {
		...(values['image-ms'] !== undefined ? { IMAGE: number('image-ms', values['image-ms']) } : {}),
		...(values['video-ms'] !== undefined ? { VIDEO: number('video-ms', values['video-ms']) } : {}),
	},
});
process.stdout.write(`Threads sandbox listening on ${sandbox.url}\n`);

let closing = false;
const shutdown = () => {
	if (closing) return;
	closing = true;
	sandbox.close().then(
		() => process.exit(0),
		() => process.exit(1),
	);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
