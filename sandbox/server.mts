import type { IncomingMessage, ServerResponse } from 'node:http';
import { extractToken } from './auth.mts';
import type { Ctx, Env, Reply } from './context.mts';
import { GraphError, OAuthEndpointError, faultError, fbtraceId } from './errors.mts';
import type { FaultEngine } from './faults.mts';
import { resolveRoute } from './router.mts';
import type { RequestLogEntry } from './types.mts';

const MAX_BODY = 5 * 1024 * 1024;

export interface Pipeline {
	env: Env;
	faults: FaultEngine;
	log: RequestLogEntry[];
}

/** The default wait of 'slow' faults and latency: real time. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Form, JSON and simple multipart bodies (n8n may send any of them). */
export function parseBody(raw: Buffer, contentType = ''): Record<string, unknown> {
	if (raw.length === 0) return {};
	const type = contentType.toLowerCase();
	const text = raw.toString('utf8');
	if (type.includes('application/json')) {
		const parsed = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
	}
	if (type.includes('multipart/form-data')) {
		const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
		if (!boundary) return {};
		const out: Record<string, unknown> = {};
		for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
			const match = /name="([^"]+)"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*)\r\n$/.exec(part);
			if (match) out[match[1]] = match[2];
		}
		return out;
	}
	return Object.fromEntries(new URLSearchParams(text));
}

function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { 'x-fb-trace-id': fbtraceId(), ...reply.headers };
	if (reply.text !== undefined) {
		headers['content-type'] = reply.contentType ?? 'text/plain; charset=UTF-8';
		res.writeHead(reply.status, headers);
		res.end(reply.text);
		return;
	}
	headers['content-type'] = 'application/json; charset=UTF-8';
	res.writeHead(reply.status, headers);
	res.end(JSON.stringify(reply.body ?? {}));
}

export function errorReply(error: unknown): Reply {
	if (error instanceof GraphError) {
		const headers: Record<string, string> = {};
		if (error.code === 190) {
			headers['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${error.message.replace(/"/g, "'")}"`;
		}
		return { status: error.status, body: error.body(), headers };
	}
	if (error instanceof OAuthEndpointError) return { status: error.status, body: error.body() };
	// A sandbox bug: say so on stderr (never the request, which may carry a token).
	process.stderr.write(`threads sandbox: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
	return { status: 500, body: new GraphError(500, 1, 'An unknown error occurred').body() };
}

export async function handleApiRequest(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const { env } = pipeline;
	const method = (req.method ?? 'GET').toUpperCase();
	const query = Object.fromEntries(url.searchParams);
	const entry: RequestLogEntry = {
		time: env.clock.now(),
		method,
		path: url.pathname,
		query,
		body: {},
		status: 0,
		operation: 'unknown',
	};
	pipeline.log.push(entry);

	let body: Record<string, unknown> = {};
	let bodyError: GraphError | undefined;
	try {
		body = parseBody(await readBody(req), req.headers['content-type']);
	} catch {
		bodyError = new GraphError(400, 100, '(#100) The request body could not be parsed');
	}
	entry.body = body;

	const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
	if (/^v\d+\.\d+$/.test(parts[0] ?? '')) parts.shift();
	const ctx: Ctx = {
		env,
		method,
		path: url.pathname,
		segments: parts,
		query,
		body,
		params: { ...query, ...body },
		headers: req.headers,
		baseUrl: `http://${req.headers.host ?? '127.0.0.1'}`,
		tokenValue: extractToken(query, body, req.headers.authorization),
	};
	const route = resolveRoute(ctx);
	entry.operation = route.operation;

	const decision = pipeline.faults.decide({ operation: route.operation, method, path: url.pathname });
	if (decision.fired.length > 0) entry.fault = decision.fired.join(',');
	if (decision.delayMs > 0) await env.sleep(decision.delayMs);
	const kind = decision.rule?.kind;
	if (kind === 'drop') {
		req.socket.destroy();
		return;
	}

	// Webhooks caused by this call go out once its answer is sent (or lost).
	res.once('close', env.events.hold());

	let reply: Reply;
	if (kind === 'http500') {
		reply = { status: 500, text: 'Internal Server Error' };
	} else if (kind && kind !== 'lostResponse' && faultError(kind)) {
		reply = errorReply(faultError(kind));
	} else if (bodyError) {
		reply = errorReply(bodyError);
	} else {
		try {
			reply = await route.handle(ctx);
		} catch (error) {
			reply = errorReply(error);
		}
	}
	entry.status = reply.status;
	if (kind === 'lostResponse') {
		// The action happened; the client only sees the connection die.
		req.socket.destroy();
		return;
	}
	if (env.config.latencyMs > 0) await env.sleep(env.config.latencyMs);
	send(res, reply);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	send(res, { status, body });
}
