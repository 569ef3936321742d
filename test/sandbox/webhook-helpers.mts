// A real webhook receiver (node:http on port 0) and the control-API calls the webhook tests use.
import { createHmac } from 'node:crypto';
import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '../../sandbox/index.mts';
import { jsonOf } from './helpers.mts';

export const APP_SECRET = 'sandbox-app-secret';
export const VERIFY_TOKEN = 'verify-me';

export interface Received {
	method: string;
	url: URL;
	headers: IncomingHttpHeaders;
	/** The exact bytes. */
	body: Buffer;
}

export interface Answer {
	status: number;
	body?: string;
}

/** Meta-style: echo hub.challenge when hub.verify_token matches, else 403. */
export function verifyingHandshake(token: string, request: Received): Answer {
	const params = request.url.searchParams;
	if (params.get('hub.mode') === 'subscribe' && params.get('hub.verify_token') === token) {
		return { status: 200, body: params.get('hub.challenge') ?? '' };
	}
	return { status: 403, body: 'verify token mismatch' };
}

export const sign = (algorithm: 'sha256' | 'sha1', body: Buffer | string, secret = APP_SECRET) =>
	`${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;

/** A 401 for anything without a valid X-Hub-Signature-256 (what a trigger should do). */
export function checkingPost(request: Received, secret = APP_SECRET): Answer {
	return request.headers['x-hub-signature-256'] === sign('sha256', request.body, secret) ? { status: 200 } : { status: 401 };
}

export type Responder = (request: Received) => Answer | Promise<Answer>;

export async function startReceiver(responder?: Responder) {
	const received: Received[] = [];
	let respond: Responder = responder ?? ((r) => (r.method === 'GET' ? verifyingHandshake(VERIFY_TOKEN, r) : { status: 200 }));
	const arrivals: Array<() => void> = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const request: Received = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://receiver.local'), headers: req.headers, body: Buffer.concat(chunks) };
			received.push(request);
			arrivals.splice(0).forEach((wake) => wake());
			const answer = await respond(request);
			res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		posts: () => received.filter((r) => r.method === 'POST'),
		setResponder: (next: Responder) => {
			respond = next;
		},
		/** Resolves when `n` POSTs have arrived (already or later). */
		postCount: async (n: number) => {
			while (received.filter((r) => r.method === 'POST').length < n) await new Promise<void>((wake) => arrivals.push(wake));
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export async function control(sb: Sandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
	const res = await fetch(`${sb.url}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: await jsonOf(res) };
}

/** Subscribes through the control API and fails the test if the handshake does not pass. */
export async function subscribe(sb: Sandbox, receiver: Receiver, extra: Record<string, unknown> = {}): Promise<string> {
	const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: receiver.url, verifyToken: VERIFY_TOKEN, ...extra });
	if (res.status !== 200) throw new Error(`subscribe failed: ${JSON.stringify(res.body)}`);
	return res.body.id;
}

export const payloadOf = (request: Received): any => JSON.parse(request.body.toString('utf8'));
