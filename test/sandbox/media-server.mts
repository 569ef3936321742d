// A local file server for the media-fetch tests: each path answers as the test scripted it
// (bytes with a type, a streamed body of N bytes, a redirect, an S3-like 403, a held answer).
import { createHash, randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
	/** No Content-Type header when `type` is empty. */
	| { body: Buffer; type: string; status?: number }
	/** `size` bytes written in 64 KiB chunks, with or without Content-Length. */
	| { stream: number; type: string; contentLength?: boolean }
	| { redirect: string; status?: number }
	/** Answers `body` once the gate is released; with headersFirst the headers and one byte go at once. */
	| { hold: Gate; type: string; body: Buffer; headersFirst?: boolean };

export interface Gate {
	release(): void;
	readonly released: Promise<void>;
}

export function gate(): Gate {
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	return { release, released };
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that start like the format they pretend to be (the sandbox checks only the Content-Type). */
export const fakeFile = {
	jpeg: (size = 20_000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]),
	png: (size = 30_000) => Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), randomBytes(size - 8)]),
	mp4: (size = 200_000) => Buffer.concat([Buffer.from('\0\0\0\x18ftypmp42', 'latin1'), randomBytes(size - 12)]),
};

export interface MediaServer {
	url: string;
	/** Requests seen: method, path and headers. */
	requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
	set(path: string, route: Route): string;
	/** Resolves when a request for `path` arrives (at once if one already did). */
	seen(path: string): Promise<void>;
	close(): Promise<void>;
}

async function streamBody(res: ServerResponse, size: number): Promise<void> {
	const chunk = Buffer.alloc(64 * 1024, 7);
	let sent = 0;
	while (sent < size && !res.destroyed) {
		const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
		sent += part.length;
		if (res.write(part)) continue;
		await new Promise<void>((resolve) => {
			const go = () => {
				res.off('drain', go).off('close', go);
				resolve();
			};
			res.on('drain', go).on('close', go);
		});
	}
	res.end();
}

export async function startMediaServer(): Promise<MediaServer> {
	const routes = new Map<string, Route>();
	const requests: MediaServer['requests'] = [];
	const waiters: { path: string; resolve: () => void }[] = [];
	const server = createServer(async (req, res) => {
		res.on('error', () => {}); // the sandbox may hang up mid-body (too large, timeout)
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
		for (const waiter of waiters.filter((w) => w.path === path)) waiter.resolve();
		const route = routes.get(path);
		if (!route) {
			res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
		} else if ('hold' in route) {
			const headers = { 'content-type': route.type, 'content-length': route.body.length };
			if (route.headersFirst) res.writeHead(200, headers).write(route.body.subarray(0, 1));
			await route.hold.released;
			if (!route.headersFirst) res.writeHead(200, headers).write(route.body.subarray(0, 1));
			res.end(route.body.subarray(1));
		} else if ('body' in route) {
			res.writeHead(route.status ?? 200, { ...(route.type ? { 'content-type': route.type } : {}), 'content-length': route.body.length });
			res.end(route.body);
		} else if ('stream' in route) {
			res.writeHead(200, { 'content-type': route.type, ...(route.contentLength ? { 'content-length': route.stream } : {}) });
			await streamBody(res, route.stream);
		} else {
			res.writeHead(route.status ?? 302, { location: route.redirect }).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		set: (path, route) => {
			routes.set(path, route);
			return url + path;
		},
		seen: (path) =>
			requests.some((r) => r.path === path) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ path, resolve })),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** S3's answer to an expired presigned URL. */
export const expiredPresign: Route = {
	status: 403,
	type: 'application/xml',
	body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'),
};

/** A port where nothing listens. */
export async function closedPort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await new Promise((resolve) => server.once('listening', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}
