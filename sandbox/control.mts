// The control API (/__sandbox/...) for tests that drive the sandbox from another process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxConfig } from './context.mts';
import { parseBody, readBody, sendJson } from './server.mts';
import type { TokenRecord } from './state.mts';
import type { Sandbox } from './types.mts';
import { webhookRoute } from './webhookControl.mts';

export interface ControlDeps {
	sandbox: Sandbox;
	tokenInfo(value: string): TokenRecord;
	config(): SandboxConfig;
}

export async function handleControl(deps: ControlDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const { sandbox } = deps;
	const method = (req.method ?? 'GET').toUpperCase();
	const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
	let body: Record<string, unknown>;
	try {
		body = parseBody(await readBody(req), req.headers['content-type'] ?? 'application/json');
	} catch {
		return sendJson(res, 400, { error: 'body must be JSON' });
	}
	try {
		const webhooks = await webhookRoute(sandbox.webhooks, route, body);
		if (webhooks) return sendJson(res, webhooks.status, webhooks.body);
		switch (route) {
			case 'GET /__sandbox/health':
				return sendJson(res, 200, { ok: true, url: sandbox.url, now: sandbox.clock.now() });
			case 'GET /__sandbox/clock':
				return sendJson(res, 200, { now: sandbox.clock.now() });
			case 'POST /__sandbox/clock':
				if (body.set !== undefined) sandbox.clock.set(Number(body.set));
				if (body.advanceMs !== undefined) sandbox.clock.advance(Number(body.advanceMs));
				return sendJson(res, 200, { now: sandbox.clock.now() });
			case 'GET /__sandbox/faults':
				return sendJson(res, 200, sandbox.faults.list());
			case 'POST /__sandbox/faults':
				return sendJson(res, 200, { id: sandbox.faults.inject(body as never) });
			case 'DELETE /__sandbox/faults':
				sandbox.faults.clear();
				return sendJson(res, 200, { ok: true });
			case 'GET /__sandbox/log': {
				const operation = url.searchParams.get('operation');
				return sendJson(res, 200, operation ? sandbox.log.filter((e) => e.operation === operation) : sandbox.log);
			}
			case 'DELETE /__sandbox/log':
				sandbox.clearLog();
				return sendJson(res, 200, { ok: true });
			case 'POST /__sandbox/tokens': {
				const accessToken = sandbox.issueToken(body as never);
				const record = deps.tokenInfo(accessToken);
				return sendJson(res, 200, {
					access_token: accessToken,
					expires_at: record.expiresAt,
					expires_in: Math.round((record.expiresAt - sandbox.clock.now()) / 1000),
					user_id: record.userId,
				});
			}
			case 'POST /__sandbox/codes':
				return sendJson(res, 200, { code: sandbox.createAuthorizationCode(body as never) });
			case 'GET /__sandbox/published':
				return sendJson(res, 200, sandbox.published(url.searchParams.get('userId') ?? undefined));
			case 'GET /__sandbox/containers':
				return sendJson(res, 200, sandbox.containers());
			case 'GET /__sandbox/media':
				return sendJson(res, 200, sandbox.mediaDownloads());
			case 'POST /__sandbox/media/settle':
				return sendJson(res, 200, await sandbox.settleMedia());
			case 'GET /__sandbox/config':
				return sendJson(res, 200, deps.config());
			case 'POST /__sandbox/config':
				sandbox.configure(body as never);
				return sendJson(res, 200, deps.config());
			case 'POST /__sandbox/replies': {
				const ids = sandbox.inject.replies(body as never);
				return sendJson(res, 200, body.count === undefined ? { id: ids[0] } : { ids });
			}
			case 'POST /__sandbox/mentions':
				return sendJson(res, 200, { ids: sandbox.inject.mentions(body as never) });
			case 'POST /__sandbox/posts':
				return sendJson(res, 200, { ids: sandbox.inject.posts(body as never) });
			case 'POST /__sandbox/reset':
				sandbox.reset();
				return sendJson(res, 200, { ok: true });
			default:
				return sendJson(res, 404, { error: `unknown control route ${route}` });
		}
	} catch (error) {
		return sendJson(res, 400, { error: (error as Error).message });
	}
}
