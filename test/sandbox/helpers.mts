// Shared helpers for the sandbox tests: a manual-clock sandbox and a tiny HTTP client.
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/index.mts';

/** 2025-06-02T12:00:00Z: well after the API's earliest `since` values. */
export const START = Date.UTC(2025, 5, 2, 12);
export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export function startManual(options: SandboxOptions = {}): Promise<Sandbox> {
	return startSandbox({ clock: 'manual', startTime: START, ...options });
}

/** fetch() JSON as any: the tests assert on shapes. */
export const jsonOf = async (res: Response): Promise<any> => res.json();

export interface Res {
	status: number;
	body: any;
	headers: Headers;
}

export type Params = Record<string, string | number | boolean>;
export type Mode = 'query' | 'form' | 'json' | 'bearer';

export async function request(
	sb: Sandbox,
	method: string,
	path: string,
	params: Params = {},
	token?: string | null,
	mode: Mode = 'query',
): Promise<Res> {
	const url = new URL(sb.url + path);
	const headers: Record<string, string> = {};
	let body: string | undefined;
	const all: Params = { ...params };
	if (token && mode !== 'bearer') all.access_token = token;
	if (token && mode === 'bearer') headers.authorization = `Bearer ${token}`;
	if (mode === 'form') {
		headers['content-type'] = 'application/x-www-form-urlencoded';
		body = new URLSearchParams(Object.entries(all).map(([k, v]): [string, string] => [k, String(v)])).toString();
	} else if (mode === 'json') {
		headers['content-type'] = 'application/json';
		body = JSON.stringify(all);
	} else {
		for (const [k, v] of Object.entries(all)) url.searchParams.set(k, String(v));
	}
	const res = await fetch(url, { method, headers, body, redirect: 'manual' });
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON (error pages, http500 fault)
	}
	return { status: res.status, body: parsed, headers: res.headers };
}

/** A client bound to one token (default: a fresh long-lived token with every scope). */
export function client(sb: Sandbox, token: string | null = sb.issueToken(), mode: Mode = 'query') {
	return {
		token,
		get: (path: string, params?: Params) => request(sb, 'GET', `/v1.0${path}`, params, token, mode),
		post: (path: string, params?: Params) => request(sb, 'POST', `/v1.0${path}`, params, token, mode),
		del: (path: string, params?: Params) => request(sb, 'DELETE', `/v1.0${path}`, params, token, mode),
	};
}

export type Client = ReturnType<typeof client>;

/** Creates a container and returns its id; fails the test on an error answer. */
export async function createContainer(c: Client, params: Params): Promise<string> {
	const res = await c.post('/me/threads', params);
	if (res.status !== 200) throw new Error(`createContainer failed: ${JSON.stringify(res.body)}`);
	return res.body.id;
}

/** Creates, waits (on the manual clock) and publishes; returns the media id. */
export async function publishPost(sb: Sandbox, c: Client, params: Params): Promise<string> {
	const id = await createContainer(c, params);
	sb.clock.advance(2000);
	const res = await c.post('/me/threads_publish', { creation_id: id });
	if (res.status !== 200) throw new Error(`publish failed: ${JSON.stringify(res.body)}`);
	return res.body.id;
}

export interface HeldSleep {
	ms: number;
	/** Ends the wait: the sandbox goes on with the request. */
	release(): void;
}

/**
 * A sleep for SandboxOptions.sleep that waits on nothing but the test: each call is held until the
 * test releases it, and next() resolves when the sandbox starts the next wait. No timer is involved.
 */
export function heldSleeps() {
	const started: HeldSleep[] = [];
	const waiting: Array<(held: HeldSleep) => void> = [];
	return {
		sleep: (ms: number) =>
			new Promise<void>((resolve) => {
				const held = { ms, release: () => resolve() };
				const taker = waiting.shift();
				if (taker) taker(held);
				else started.push(held);
			}),
		/** The sandbox's next wait (already started, or the next to start). */
		next: (): Promise<HeldSleep> => {
			const held = started.shift();
			return held ? Promise.resolve(held) : new Promise((resolve) => waiting.push(resolve));
		},
		/** Waits started and not yet taken with next(). */
		pending: () => started.length,
		/** Forgets takers left by a test that failed before the sandbox waited. */
		reset: () => {
			waiting.length = 0;
		},
	};
}
