import type { IncomingHttpHeaders } from 'node:http';
import type { MediaFetcher } from './mediaFetch.mts';
import type { MediaRecord, SandboxState } from './state.mts';
import type { ContainerKind, MediaFetchMode, SandboxClock } from './types.mts';

export interface SandboxConfig {
	processingMs: Record<ContainerKind, number>;
	mediaNotFoundAfterFinishedMs: number;
	latencyMs: number;
	refreshInvalidatesOld: boolean;
	mediaFetch: MediaFetchMode;
	mediaFetchHosts: string[];
	mediaFetchTimeoutMs: number;
	mediaMaxBytes: Record<'IMAGE' | 'VIDEO', number>;
}

export interface AppCredentials {
	clientId: string;
	clientSecret: string;
	metaAppId: string;
}

/** Where handlers report what webhooks are made of (the webhook hub; see webhooks.mts). */
export interface EventSink {
	created(media: MediaRecord): void;
	deleted(media: MediaRecord): void;
	/** Events reported until the returned release() is called wait for it (an API call answers first). */
	hold(): () => void;
}

/** What handlers see of the sandbox. `state` is replaced by reset(). */
export interface Env {
	state: SandboxState;
	clock: SandboxClock;
	config: SandboxConfig;
	app: AppCredentials;
	/** Waits of 'slow' faults and latency (real time unless SandboxOptions.sleep says otherwise). */
	sleep: (ms: number) => Promise<void>;
	events: EventSink;
	/** Downloads of media URLs (mediaFetch.mts). */
	media: MediaFetcher;
}

export interface Ctx {
	env: Env;
	method: string;
	path: string;
	/** Path segments after the version prefix (or of the unversioned path). */
	segments: string[];
	query: Record<string, string>;
	body: Record<string, unknown>;
	/** query and body merged (body wins): Meta accepts parameters in either. */
	params: Record<string, unknown>;
	headers: IncomingHttpHeaders;
	/** e.g. http://127.0.0.1:5680, used to build paging.next */
	baseUrl: string;
	/** The raw token of the request, wherever it came from. */
	tokenValue?: string;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Non-JSON body (HTML pages, plain text). */
	text?: string;
	contentType?: string;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });

/** A parameter as a string (numbers and booleans from JSON bodies become strings; objects become JSON). */
export function str(ctx: Ctx, name: string): string | undefined {
	const value = ctx.params[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return JSON.stringify(value);
}
