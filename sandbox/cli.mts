// node --import tsx sandbox/cli.mts --port 5680 [--host 127.0.0.1] [--latency-ms N] [--image-ms N] [--video-ms N]
//   [--media-fetch simulate|fetch|auto] [--media-fetch-hosts host[=address],...] [--media-fetch-timeout-ms N]
import { parseArgs } from 'node:util';
import { type MediaFetchMode, startSandbox } from './index.mts';

const { values } = parseArgs({
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		'latency-ms': { type: 'string' },
		'image-ms': { type: 'string' },
		'video-ms': { type: 'string' },
		'media-fetch': { type: 'string' },
		'media-fetch-hosts': { type: 'string' },
		'media-fetch-timeout-ms': { type: 'string' },
	},
});

function number(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) fail(`--${name} must be a non-negative number`);
	return value;
}

function fail(message: string): never {
	process.stderr.write(`threads sandbox: ${message}\n`);
	process.exit(2);
}

const mediaFetch = values['media-fetch'] as MediaFetchMode | undefined;
if (mediaFetch !== undefined && !['simulate', 'fetch', 'auto'].includes(mediaFetch)) fail('--media-fetch must be simulate, fetch or auto');

const sandbox = await startSandbox({
	port: number('port', values.port ?? process.env.THREADS_SANDBOX_PORT) ?? 5680,
	host: values.host ?? '127.0.0.1',
	latencyMs: number('latency-ms', values['latency-ms']),
	processingMs: {
		...(values['image-ms'] !== undefined ? { IMAGE: number('image-ms', values['image-ms']) } : {}),
		...(values['video-ms'] !== undefined ? { VIDEO: number('video-ms', values['video-ms']) } : {}),
	},
	mediaFetch,
	mediaFetchHosts: values['media-fetch-hosts']?.split(',').map((h) => h.trim()).filter(Boolean),
	mediaFetchTimeoutMs: number('media-fetch-timeout-ms', values['media-fetch-timeout-ms']) || undefined,
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
