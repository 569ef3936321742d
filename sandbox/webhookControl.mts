// Control routes under /__sandbox/webhooks (dispatched from control.mts).
import type { SandboxWebhooks, WebhookSendOptions, WebhookSubscribeOptions } from './types.mts';

export interface ControlAnswer {
	status: number;
	body: unknown;
}

/** undefined when the route is not a webhooks route. Errors (thrown) become 400 in control.mts. */
export async function webhookRoute(
	webhooks: SandboxWebhooks,
	route: string,
	body: Record<string, unknown>,
): Promise<ControlAnswer | undefined> {
	switch (route) {
		case 'GET /__sandbox/webhooks':
			return { status: 200, body: webhooks.list() };
		case 'DELETE /__sandbox/webhooks':
			webhooks.clear();
			return { status: 200, body: webhooks.list() };
		case 'POST /__sandbox/webhooks/subscribe':
			return { status: 200, body: await webhooks.subscribe(body as unknown as WebhookSubscribeOptions) };
		case 'POST /__sandbox/webhooks/flush':
			return { status: 200, body: await webhooks.flush() };
		case 'POST /__sandbox/webhooks/send':
			return { status: 200, body: await webhooks.send(body as unknown as WebhookSendOptions) };
		default:
			return undefined;
	}
}
