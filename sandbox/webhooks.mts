// Webhook subscriptions and deliveries: what happens in the sandbox reaches subscribed callbacks as Meta sends it.
import type { EventSink, Env } from './context.mts';
import { handshake, hmacHex, wireRequest } from './webhookHttp.mts';
import {
	WEBHOOK_FIELDS,
	type WebhookEvent,
	envelope,
	eventOfDeleted,
	eventsOfCreated,
	installedUsers,
	metaJson,
} from './webhookPayloads.mts';
import type { MediaRecord } from './state.mts';
import type {
	WebhookDelivery,
	WebhookField,
	WebhookState,
	WebhookSubscribeOptions,
	WebhookSubscriptionView,
	WebhookTamper,
} from './types.mts';

export const DEFAULT_RETRY_DELAYS_MS = [200, 1000, 3000];
const DEFAULT_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'facebookexternalua';

export interface Subscription extends WebhookSubscriptionView {
	verifyToken: string;
	/** undefined: the app's client secret at delivery time. */
	appSecret?: string;
	timeoutMs: number;
}

/** What goes on the wire for one delivery. */
export interface Wire {
	body: Buffer;
	headers: Record<string, string>;
	/** Retried after the subscription's retryDelaysMs when not answered 2xx. */
	retry: boolean;
}

export function signedHeaders(body: Buffer, secret: string): Record<string, string> {
	return {
		'Content-Type': 'application/json',
		'User-Agent': USER_AGENT,
		'X-Hub-Signature-256': `sha256=${hmacHex('sha256', secret, body)}`,
	};
}

function numberList(name: string, value: unknown): number[] {
	if (!Array.isArray(value) || value.some((n) => typeof n !== 'number' || !Number.isFinite(n) || n < 0)) {
		throw new Error(`${name} must be an array of non-negative numbers (milliseconds)`);
	}
	if (value.length > 20) throw new Error(`${name} may have at most 20 entries`);
	return [...value];
}

export function checkFields(value: unknown): WebhookField[] {
	if (value === undefined) return [...WEBHOOK_FIELDS];
	if (!Array.isArray(value) || value.length === 0) throw new Error(`fields must be a non-empty array of ${WEBHOOK_FIELDS.join(', ')}`);
	for (const field of value) {
		if (!WEBHOOK_FIELDS.includes(field)) throw new Error(`unknown webhook field ${String(field)}: use ${WEBHOOK_FIELDS.join(', ')}`);
	}
	return [...new Set(value as WebhookField[])];
}

export class WebhookHub implements EventSink {
	private subscriptions: Subscription[] = [];
	private deliveries: WebhookDelivery[] = [];
	private readonly inflight = new Set<Promise<void>>();
	private holds = 0;
	private held: Array<() => void> = [];
	private readonly waits = new Map<NodeJS.Timeout, () => void>();
	/** Bumped by clear() and close(): runs of an older generation stop before their next attempt. */
	private generation = 0;
	private subscriptionCounter = 0;
	private deliveryCounter = 0;

	constructor(
		private readonly env: Env,
		private readonly defaultUserId: string,
	) {}

	// ---- EventSink: what the API handlers report ----------------------------------------------------------

	created(media: MediaRecord): void {
		if (this.subscriptions.length === 0 || media.seeded || media.isCarouselChild) return;
		for (const event of eventsOfCreated(this.env, media, this.installed())) this.emit(event);
	}

	deleted(media: MediaRecord): void {
		if (this.subscriptions.length === 0) return;
		const event = eventOfDeleted(this.env, media, this.installed());
		if (event) this.emit(event);
	}

	hold(): () => void {
		this.holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.holds === 0) {
				const waiting = this.held.splice(0);
				setImmediate(() => waiting.forEach((go) => go()));
			}
		};
	}

	// ---- subscriptions -------------------------------------------------------------------------------------

	async subscribe(opts: WebhookSubscribeOptions): Promise<{ id: string; fields: WebhookField[] }> {
		const { callbackUrl, verifyToken } = opts ?? ({} as WebhookSubscribeOptions);
		if (typeof callbackUrl !== 'string' || !/^https?:\/\//i.test(callbackUrl)) throw new Error('callbackUrl must be an http(s) URL');
		try {
			new URL(callbackUrl);
		} catch {
			throw new Error('callbackUrl must be an http(s) URL');
		}
		if (typeof verifyToken !== 'string' || verifyToken === '') throw new Error('verifyToken is required');
		if (opts.appSecret !== undefined && (typeof opts.appSecret !== 'string' || opts.appSecret === '')) {
			throw new Error('appSecret must be a non-empty string');
		}
		const fields = checkFields(opts.fields);
		const retryDelaysMs = opts.retryDelaysMs === undefined ? [...DEFAULT_RETRY_DELAYS_MS] : numberList('retryDelaysMs', opts.retryDelaysMs);
		const timeoutMs = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : numberList('timeoutMs', [opts.timeoutMs])[0];
		const failure = await handshake(callbackUrl, verifyToken, timeoutMs);
		if (failure) throw new Error(failure);
		const id = String(24_000_000_000 + ++this.subscriptionCounter);
		this.subscriptions.push({ id, callbackUrl, verifyToken, appSecret: opts.appSecret, fields, retryDelaysMs, timeoutMs });
		return { id, fields };
	}

	list(): WebhookState {
		return {
			subscriptions: this.subscriptions.map(({ id, callbackUrl, fields, retryDelaysMs }) => ({ id, callbackUrl, fields, retryDelaysMs })),
			deliveries: this.deliveries.map((d) => ({ ...d, statuses: [...d.statuses] })),
		};
	}

	/** Subscriptions that get `field` (only `subscriptionId` when given). */
	matching(field: WebhookField, subscriptionId?: string): Subscription[] {
		return this.subscriptions.filter((s) => s.fields.includes(field) && (subscriptionId === undefined || s.id === subscriptionId));
	}

	has(subscriptionId: string): boolean {
		return this.subscriptions.some((s) => s.id === subscriptionId);
	}

	clear(): void {
		this.subscriptions = [];
		this.deliveries = [];
		this.stopRuns();
	}

	/** reset(): the delivery log goes with the rest of the state; subscriptions are app settings and stay. */
	clearLog(): void {
		this.deliveries = [];
	}

	async flush(): Promise<WebhookState> {
		while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
		return this.list();
	}

	close(): void {
		this.stopRuns();
	}

	// ---- deliveries ----------------------------------------------------------------------------------------

	private installed(): Set<string> {
		return installedUsers(this.env, this.defaultUserId);
	}

	secretOf(subscription: Subscription): string {
		return subscription.appSecret ?? this.env.app.clientSecret;
	}

	/** The exact bytes Meta would send this subscription for this event. */
	bodyFor(event: WebhookEvent, subscription: Subscription): Buffer {
		return Buffer.from(metaJson(envelope(this.env, event, subscription.id)), 'utf8');
	}

	emit(event: WebhookEvent): void {
		for (const subscription of this.matching(event.field)) {
			const body = this.bodyFor(event, subscription);
			this.start(event, subscription, { body, headers: signedHeaders(body, this.secretOf(subscription)), retry: true });
		}
	}

	/** Logs a delivery and sends it (after any held API answer); `done` resolves when it has settled. */
	start(event: WebhookEvent, subscription: Subscription, wire: Wire, tamper?: WebhookTamper): { delivery: WebhookDelivery; done: Promise<void> } {
		const delivery: WebhookDelivery = {
			id: `wh_${++this.deliveryCounter}`,
			subscriptionId: subscription.id,
			field: event.field,
			eventKey: event.eventKey,
			attempts: 0,
			statuses: [],
			delivered: false,
			body: wire.body.toString('utf8'),
		};
		if (tamper) delivery.tamper = tamper;
		this.deliveries.push(delivery);
		const done = this.run(delivery, subscription, wire, this.generation).finally(() => this.inflight.delete(done));
		this.inflight.add(done);
		return { delivery, done };
	}

	private async run(delivery: WebhookDelivery, subscription: Subscription, wire: Wire, generation: number): Promise<void> {
		await this.gate();
		const url = new URL(subscription.callbackUrl);
		const delays = wire.retry ? subscription.retryDelaysMs : [];
		for (let attempt = 0; generation === this.generation; attempt++) {
			const answer = await wireRequest(url, 'POST', wire.headers, wire.body, subscription.timeoutMs);
			delivery.attempts++;
			delivery.statuses.push(answer.status);
			if (answer.error) delivery.error = answer.error;
			if (answer.status >= 200 && answer.status < 300) {
				delivery.delivered = true;
				return;
			}
			if (attempt >= delays.length || generation !== this.generation) return;
			await this.wait(delays[attempt]);
		}
	}

	/** Deliveries start on a later turn of the event loop, and not before held API answers are sent. */
	private gate(): Promise<void> {
		return new Promise((resolve) => {
			if (this.holds === 0) setImmediate(resolve);
			else this.held.push(resolve);
		});
	}

	/** Real time, whatever the sandbox clock: Meta retries on its own schedule. */
	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.waits.delete(timer);
				resolve();
			}, ms);
			this.waits.set(timer, resolve);
		});
	}

	private stopRuns(): void {
		this.generation++;
		for (const [timer, resolve] of this.waits) {
			clearTimeout(timer);
			resolve();
		}
		this.waits.clear();
	}
}
