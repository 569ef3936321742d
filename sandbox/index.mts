import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthorizationCode, issueToken } from './auth.mts';
import { createClock } from './clock.mts';
import type { Env, SandboxConfig } from './context.mts';
import { handleControl } from './control.mts';
import { injectMentions, injectPosts, injectReplies, simulateReply } from './injection.mts';
import { FaultEngine } from './faults.mts';
import { DEFAULT_MEDIA_FETCH_TIMEOUT_MS, DEFAULT_MEDIA_MAX_BYTES, MediaFetcher, checkMediaPatch } from './mediaFetch.mts';
import { containerView, publishedPosts } from './publishing.mts';
import { handleApiRequest, sleep } from './server.mts';
import { DEFAULT_USER_ID, SandboxState } from './state.mts';
import type { ConfigPatch, RequestLogEntry, Sandbox, SandboxOptions } from './types.mts';
import { WebhookHub } from './webhooks.mts';
import { sendNow } from './webhookSend.mts';

export type * from './types.mts';
export { FAULT_KINDS } from './faults.mts';
export { TAMPER_KINDS } from './webhookSend.mts';
export { WEBHOOK_FIELDS } from './webhookPayloads.mts';

const DEFAULT_PROCESSING = { TEXT: 0, IMAGE: 300, VIDEO: 1000, CAROUSEL: 200 };
/** Meta's main app id: a Threads app has a second id; the main one is refused with 4476002. */
const META_APP_ID = '987654321098765';

function initialConfig(options: SandboxOptions): SandboxConfig {
	return {
		processingMs: { ...DEFAULT_PROCESSING, ...options.processingMs },
		mediaNotFoundAfterFinishedMs: options.mediaNotFoundAfterFinishedMs ?? 0,
		latencyMs: options.latencyMs ?? 0,
		refreshInvalidatesOld: options.refreshInvalidatesOld ?? true,
		mediaFetch: options.mediaFetch ?? 'auto',
		mediaFetchHosts: [...(options.mediaFetchHosts ?? [])],
		mediaFetchTimeoutMs: options.mediaFetchTimeoutMs ?? DEFAULT_MEDIA_FETCH_TIMEOUT_MS,
		mediaMaxBytes: { ...DEFAULT_MEDIA_MAX_BYTES, ...options.mediaMaxBytes },
	};
}

function applyPatch(config: SandboxConfig, patch: ConfigPatch): void {
	checkMediaPatch(patch);
	if (patch.processingMs) config.processingMs = { ...config.processingMs, ...patch.processingMs };
	if (patch.mediaNotFoundAfterFinishedMs !== undefined)
		config.mediaNotFoundAfterFinishedMs = patch.mediaNotFoundAfterFinishedMs;
	if (patch.latencyMs !== undefined) config.latencyMs = patch.latencyMs;
	if (patch.refreshInvalidatesOld !== undefined)
		config.refreshInvalidatesOld = patch.refreshInvalidatesOld;
	if (patch.mediaFetch !== undefined) config.mediaFetch = patch.mediaFetch;
	if (patch.mediaFetchHosts !== undefined) config.mediaFetchHosts = [...patch.mediaFetchHosts];
	if (patch.mediaFetchTimeoutMs !== undefined) config.mediaFetchTimeoutMs = patch.mediaFetchTimeoutMs;
	if (patch.mediaMaxBytes) config.mediaMaxBytes = { ...config.mediaMaxBytes, ...patch.mediaMaxBytes };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	checkMediaPatch(options);
	const clock = createClock(options.clock ?? 'real', options.startTime ?? Date.now());
	const env: Env = {
		clock,
		config: initialConfig(options),
		state: new SandboxState(clock),
		app: {
			clientId: options.app?.clientId ?? '1234567890123456',
			clientSecret: options.app?.clientSecret ?? 'sandbox-app-secret',
			metaAppId: META_APP_ID,
		},
		sleep: options.sleep ?? sleep,
		events: { created: () => {}, deleted: () => {}, hold: () => () => {} },
		media: new MediaFetcher(),
	};
	const hub = new WebhookHub(env, DEFAULT_USER_ID);
	env.events = hub;
	const faults = new FaultEngine();
	const log: RequestLogEntry[] = [];

	const sandbox: Sandbox = {
		url: '',
		port: 0,
		app: env.app,
		user: { id: DEFAULT_USER_ID, username: env.state.users.get(DEFAULT_USER_ID)!.username },
		clock,
		issueToken: (opts) => issueToken(env, opts).value,
		createAuthorizationCode: (opts) => createAuthorizationCode(env, opts),
		faults: {
			inject: (rule) => faults.inject(rule),
			clear: () => faults.clear(),
			list: () => faults.list(),
		},
		setLatency: (ms) => {
			env.config.latencyMs = ms;
		},
		configure: (patch) => applyPatch(env.config, patch),
		log,
		clearLog: () => {
			log.length = 0;
		},
		published: (userId) => publishedPosts(env, userId),
		containers: () => [...env.state.containers.values()].map((c) => containerView(c, clock.now())),
		mediaDownloads: () => env.media.list(),
		settleMedia: () => env.media.settle(),
		simulateReply: (opts) => simulateReply(env, opts),
		inject: {
			replies: (opts) => injectReplies(env, opts),
			mentions: (opts) => injectMentions(env, opts),
			posts: (opts) => injectPosts(env, opts),
		},
		webhooks: {
			subscribe: (opts) => hub.subscribe(opts),
			list: () => hub.list(),
			clear: () => hub.clear(),
			flush: () => hub.flush(),
			send: (opts) => sendNow(hub, env, DEFAULT_USER_ID, opts),
		},
		reset: () => {
			env.state = new SandboxState(clock);
			env.config = initialConfig(options);
			faults.clear();
			log.length = 0;
			hub.clearLog();
			env.media.clear();
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				hub.close();
				env.media.clear();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};

	const controlDeps = {
		sandbox,
		tokenInfo: (value: string) => env.state.tokens.get(value)!,
		config: () => env.config,
	};
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox.local');
		const work = url.pathname.startsWith('/__sandbox/')
			? handleControl(controlDeps, req, res, url)
			: handleApiRequest({ env, faults, log }, req, res, url);
		work.catch((error) => {
			process.stderr.write(`threads sandbox: ${(error as Error)?.stack ?? String(error)}\n`);
			if (!res.headersSent) res.writeHead(500).end();
		});
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	sandbox.port = port;
	sandbox.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return sandbox;
}
