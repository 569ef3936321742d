/**
 * Helpers for the thread tests: a pass-through proxy in front of the sandbox that arms one of the
 * sandbox's own faults just before a chosen request goes through (the create or the publish of
 * part k of a thread), and a check of the threads the sandbox holds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { FaultRule, PublishedPost, Sandbox } from '../../sandbox/index.mts';
import { parseBody } from '../../sandbox/server.mts';

export interface SeenRequest {
	method: string;
	path: string;
	/** Query and body merged, as the sandbox reads them. */
	params: Record<string, unknown>;
}

/** Decides, for each request, the sandbox fault (if any) that answers it; it fires on that request only. */
export type FaultPicker = (request: SeenRequest) => Omit<FaultRule, 'times'> | undefined;

export interface FaultProxy {
	url: string;
	/** Where requests go; set once the sandbox is up. */
	sandbox?: Sandbox;
	pick: FaultPicker;
	close(): Promise<void>;
}

/**
 * Requests pass one at a time per connection; a picked fault is injected with `times: 1` right
 * before the request is forwarded, so (with no other rule for that operation) it is this request's.
 */
export async function startFaultProxy(): Promise<FaultProxy> {
	const proxy: FaultProxy = { url: '', pick: () => undefined, close: async () => {} };
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const sandbox = proxy.sandbox!;
			const url = new URL(req.url ?? '/', sandbox.url);
			const params = {
				...Object.fromEntries(url.searchParams),
				...parseBody(raw, req.headers['content-type']),
			};
			const rule = proxy.pick({ method: req.method ?? 'GET', path: url.pathname, params });
			if (rule) sandbox.faults.inject({ ...rule, times: 1 });
			const target = new URL(sandbox.url);
			const upstream = http.request(
				{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	proxy.close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return proxy;
}

export interface ChainCheck {
	/** Parts found in the sandbox, in order (undefined where a part is missing). */
	posts: Array<PublishedPost | undefined>;
	/** Parts that went out more than once (extra copies counted). */
	duplicates: number;
	/** Parts published that do not reply to the part before (or a root that is a reply). */
	outOfOrder: number;
	/** Parts not published. */
	missing: number;
}

/** Checks a thread in the sandbox by its parts' texts (unique per part): each once, each replying to the one before. */
export function checkChain(sandbox: Sandbox, texts: string[]): ChainCheck {
	const all = sandbox.published();
	const copies = texts.map((text) => all.filter((post) => post.text === text));
	const posts = copies.map((found) => found[0]);
	let outOfOrder = 0;
	copies.forEach((found, index) => {
		for (const post of found) {
			const expected = index === 0 ? undefined : posts[index - 1]?.id;
			if (post.replyToId !== expected) outOfOrder++;
		}
	});
	return {
		posts,
		duplicates: copies.reduce((sum, found) => sum + Math.max(0, found.length - 1), 0),
		outOfOrder,
		missing: copies.filter((found) => found.length === 0).length,
	};
}
