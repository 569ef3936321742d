// Whether and how the sandbox downloads a container's image_url / video_url (see README, Media downloads).
import { isIP, isIPv4, isIPv6 } from 'node:net';
import type { Env, Reply, SandboxConfig } from './context.mts';
import { GraphError } from './errors.mts';
import { type DownloadResult, download } from './mediaDownload.mts';
import type { ContainerRecord } from './state.mts';
import type { ConfigPatch, MediaDownload, MediaFetchMode } from './types.mts';

export const MEDIA_FETCH_MODES: MediaFetchMode[] = ['simulate', 'fetch', 'auto'];
export const DEFAULT_MEDIA_MAX_BYTES = { IMAGE: 8 * 1024 * 1024, VIDEO: 1024 * 1024 * 1024 };
export const DEFAULT_MEDIA_FETCH_TIMEOUT_MS = 30_000;

/** Meta's answer to an image it could not download (at container creation). */
export function mediaDownloadFailed(): GraphError {
	return new GraphError(400, 1, "Media download has failed. The media URI doesn't meet our requirements.", {
		type: 'THApiException',
		subcode: 2207052,
		userTitle: 'Media download has failed',
		userMsg: 'The media could not be downloaded from the given URL. The URL must be public.',
	});
}

/** The simulated unreachable URLs (fault injection in every mode: never fetched). */
export function unreachable(url: URL): boolean {
	return url.hostname.endsWith('.invalid') || url.pathname.includes('/unreachable');
}

/** Loopback and private addresses (literal IPs), localhost and *.localhost. */
export function isLocalHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	if (isIPv4(host)) {
		const [a, b] = host.split('.').map(Number);
		return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
	}
	if (!isIPv6(host)) return false;
	const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host); // ::ffff:127.0.0.1 as URL writes it
	if (mapped) {
		const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
		return isLocalHost([high >> 8, high & 255, low >> 8, low & 255].join('.'));
	}
	return host === '::1' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
}

/** `mediaFetchHosts` entries are `host` or `host=address` (connect there instead of asking DNS). */
function hostEntries(config: SandboxConfig): Map<string, string> {
	const map = new Map<string, string>();
	for (const entry of config.mediaFetchHosts) {
		const [host, address = ''] = entry.split('=');
		map.set(host.trim().toLowerCase(), address.trim());
	}
	return map;
}

export function shouldFetch(config: SandboxConfig, url: URL): boolean {
	if (config.mediaFetch === 'simulate' || unreachable(url)) return false;
	if (config.mediaFetch === 'fetch') return true;
	return isLocalHost(url.hostname) || hostEntries(config).has(url.hostname.toLowerCase());
}

/** Throws on a patch the sandbox cannot use (the control API answers 400). */
export function checkMediaPatch(patch: ConfigPatch): void {
	if (patch.mediaFetch !== undefined && !MEDIA_FETCH_MODES.includes(patch.mediaFetch)) {
		throw new TypeError(`mediaFetch must be one of ${MEDIA_FETCH_MODES.join(', ')}`);
	}
	const hosts = patch.mediaFetchHosts;
	const badHost = (h: unknown) => typeof h !== 'string' || !h.split('=')[0] || (h.includes('=') && !isIP(h.split('=')[1]));
	if (hosts !== undefined && (!Array.isArray(hosts) || hosts.some(badHost))) {
		throw new TypeError('mediaFetchHosts must be an array of host names (host, or host=IP address)');
	}
	const numbers = [patch.mediaFetchTimeoutMs, patch.mediaMaxBytes?.IMAGE, patch.mediaMaxBytes?.VIDEO];
	if (numbers.some((n) => n !== undefined && !(typeof n === 'number' && Number.isFinite(n) && n > 0))) {
		throw new TypeError('mediaFetchTimeoutMs and mediaMaxBytes must be positive finite numbers');
	}
}

/** The record of every download (replaced by reset) and the ones still running. */
export class MediaFetcher {
	private records: MediaDownload[] = [];
	private running = new Set<Promise<unknown>>();
	private abort = new AbortController();

	list(): MediaDownload[] {
		return this.records.map((record) => ({ ...record }));
	}

	/** Resolves once every download started so far (and any started meanwhile) has settled. */
	async settle(): Promise<MediaDownload[]> {
		while (this.running.size > 0) await Promise.allSettled([...this.running]);
		return this.list();
	}

	/** Forgets the record; running downloads are aborted. */
	clear(): void {
		this.abort.abort();
		this.abort = new AbortController();
		this.records = [];
		this.running.clear();
	}

	/** Starts a download; onSettled runs before done resolves and before settle() can see it settled. */
	start(env: Env, kind: 'IMAGE' | 'VIDEO', url: URL, onSettled: (result: DownloadResult) => void): { record: MediaDownload; done: Promise<DownloadResult> } {
		const { config } = env;
		const record: MediaDownload = { mediaType: kind, url: url.toString(), state: 'pending', bytes: 0, startedAt: env.clock.now() };
		this.records.push(record);
		const done = download(url, {
			kind,
			timeoutMs: config.mediaFetchTimeoutMs,
			maxBytes: config.mediaMaxBytes[kind],
			addresses: new Map([...hostEntries(config)].filter(([, address]) => address)),
			signal: this.abort.signal,
		}).then((result) => {
			Object.assign(record, { state: result.ok ? 'ok' : 'failed', settledAt: env.clock.now() });
			for (const key of ['status', 'contentType', 'sha256', 'error'] as const) if (result[key] !== undefined) record[key] = result[key] as never;
			record.bytes = result.bytes;
			if (result.redirects > 0) Object.assign(record, { redirects: result.redirects, finalUrl: result.finalUrl });
			onSettled(result);
			return result;
		});
		const tracked = done.finally(() => this.running.delete(tracked));
		this.running.add(tracked);
		return { record, done };
	}
}

/**
 * Stores the container with store() when Meta would have it. A simulated URL: at once (as before). A fetched
 * image: after its download, or creation is refused with 1/2207052 as Meta does. A fetched video: at once,
 * IN_PROGRESS until the download settles; a failed one ends in ERROR (FAILED_DOWNLOADING_VIDEO, or
 * FAILED_PROCESSING_VIDEO when the bytes are not MP4/MOV). Processing time counts from the settling.
 */
export function admitMedia(env: Env, container: ContainerRecord, url: URL | undefined, store: () => Reply): Reply | Promise<Reply> {
	if (!url || (container.kind !== 'IMAGE' && container.kind !== 'VIDEO') || !shouldFetch(env.config, url)) return store();
	const { record, done } = env.media.start(env, container.kind, url, (result) => {
		container.processingFrom = env.clock.now();
		if (!result.ok && container.kind === 'VIDEO') {
			container.errorMessage = result.reason === 'type' ? 'FAILED_PROCESSING_VIDEO' : 'FAILED_DOWNLOADING_VIDEO';
		}
	});
	container.download = record;
	if (container.kind === 'VIDEO') {
		record.containerId = container.id;
		return store();
	}
	return done.then((result) => {
		if (!result.ok) throw mediaDownloadFailed();
		record.containerId = container.id;
		return store();
	});
}
