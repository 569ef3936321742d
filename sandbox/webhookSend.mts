// POST /__sandbox/webhooks/send: an event now, well-formed or tampered with, to test a receiver's defences.
import type { Env } from './context.mts';
import { hmacHex } from './webhookHttp.mts';
import {
	WEBHOOK_FIELDS,
	type WebhookEvent,
	deleteValue,
	mentionValue,
	publishValue,
	replyValue,
} from './webhookPayloads.mts';
import { type Subscription, USER_AGENT, type WebhookHub, type Wire, signedHeaders } from './webhooks.mts';
import { CREATOR_USER_ID, type MediaRecord } from './state.mts';
import type { WebhookDelivery, WebhookField, WebhookSendOptions, WebhookTamper } from './types.mts';

export const TAMPER_KINDS: readonly WebhookTamper[] = [
	'bad-signature',
	'no-signature',
	'sha1-only',
	'malformed-body',
	'replay',
	'burst',
	'body-changed',
];

let sampleCounter = 0;

/** A post that is not stored: ids of sent samples do not exist in the API. */
function sampleMedia(env: Env, fields: Partial<MediaRecord> & Pick<MediaRecord, 'ownerId'>): MediaRecord {
	const n = ++sampleCounter;
	return {
		id: `1899${String(n).padStart(13, '0')}`,
		seq: 0,
		mediaType: 'TEXT_POST',
		timestamp: env.clock.now(),
		shortcode: `DSample${n.toString(36)}`,
		hideStatus: 'NOT_HUSHED',
		replyAudience: 'EVERYONE',
		enableReplyApprovals: false,
		isSpoilerMedia: false,
		isGhost: false,
		metrics: { views: 0, likes: 0, reposts: 0, quotes: 0, shares: 0 },
		seeded: false,
		...fields,
	};
}

/** A realistic value: replies go to the target's newest post when it has one. */
function sampleValue(env: Env, field: WebhookField, targetId: string): Record<string, unknown> {
	const target = env.state.users.get(targetId);
	switch (field) {
		case 'replies': {
			const posts = [...env.state.media.values()].filter((m) => m.ownerId === targetId && m.deletedAt === undefined && !m.replyToId && !m.isCarouselChild);
			const root = posts.sort((a, b) => b.timestamp - a.timestamp || b.seq - a.seq)[0] ?? sampleMedia(env, { ownerId: targetId });
			const reply = sampleMedia(env, { ownerId: CREATOR_USER_ID, text: 'A reply sent by the sandbox', replyToId: root.id, rootId: root.id });
			return replyValue(env, reply, targetId);
		}
		case 'mentions':
			return mentionValue(env, sampleMedia(env, { ownerId: CREATOR_USER_ID, text: `Hey @${target?.username}, a mention sent by the sandbox` }), targetId);
		case 'publish':
			return publishValue(env, sampleMedia(env, { ownerId: targetId, text: 'A post sent by the sandbox' }));
		case 'delete':
			return deleteValue(env, sampleMedia(env, { ownerId: targetId, deletedAt: env.clock.now() }));
	}
}

/** The bytes and headers of one tampered delivery (replay and burst are about timing: the wire is the genuine one). */
function tamperedWire(kind: WebhookTamper | undefined, body: Buffer, secret: string): Wire {
	const wire = (b: Buffer, headers: Record<string, string>): Wire => ({ body: b, headers, retry: kind === undefined });
	switch (kind) {
		case 'bad-signature':
			return wire(body, signedHeaders(body, `${secret}-but-not-quite`));
		case 'no-signature': {
			const headers = signedHeaders(body, secret);
			delete headers['X-Hub-Signature-256'];
			return wire(body, headers);
		}
		case 'sha1-only':
			return wire(body, {
				'Content-Type': 'application/json',
				'User-Agent': USER_AGENT,
				'X-Hub-Signature': `sha1=${hmacHex('sha1', secret, body)}`,
			});
		case 'malformed-body': {
			// Truncated JSON, signed as sent: the signature is fine, the parse is not.
			const broken = body.subarray(0, body.length - 2);
			return wire(broken, signedHeaders(broken, secret));
		}
		case 'body-changed': {
			// One digit of "time" changed: still valid JSON, so only the signature tells.
			const text = body.toString('utf8');
			const at = text.indexOf('"time":') + '"time":'.length;
			let end = at;
			while (/\d/.test(text[end] ?? '')) end++;
			const changed = Buffer.from(body);
			changed[end - 1] = 0x30 + ((body[end - 1] - 0x30 + 1) % 10);
			return wire(changed, signedHeaders(body, secret));
		}
		default:
			return wire(body, signedHeaders(body, secret));
	}
}

function check(hub: WebhookHub, opts: WebhookSendOptions): void {
	if (!WEBHOOK_FIELDS.includes(opts.field)) throw new Error(`unknown webhook field ${String(opts.field)}: use ${WEBHOOK_FIELDS.join(', ')}`);
	if (opts.tamper !== undefined && !TAMPER_KINDS.includes(opts.tamper)) {
		throw new Error(`unknown tamper kind ${String(opts.tamper)}: use ${TAMPER_KINDS.join(', ')}`);
	}
	if (opts.count !== undefined && (!Number.isInteger(opts.count) || opts.count < 1 || opts.count > 1000)) {
		throw new Error('count must be an integer from 1 to 1000');
	}
	if (opts.value !== undefined && (typeof opts.value !== 'object' || opts.value === null || Array.isArray(opts.value))) {
		throw new Error('value must be an object');
	}
	if (opts.subscriptionId !== undefined && !hub.has(opts.subscriptionId)) throw new Error(`no subscription ${opts.subscriptionId}`);
}

export async function sendNow(hub: WebhookHub, env: Env, defaultUserId: string, opts: WebhookSendOptions): Promise<{ deliveries: WebhookDelivery[] }> {
	check(hub, opts);
	const subscriptions = hub.matching(opts.field, opts.subscriptionId);
	if (subscriptions.length === 0) throw new Error(`no subscription gets the field ${opts.field}`);
	const count = opts.count ?? (opts.tamper === 'burst' ? 10 : 1);
	const events: WebhookEvent[] = [];
	for (let i = 0; i < count; i++) {
		const value = opts.value ?? sampleValue(env, opts.field, defaultUserId);
		const key = typeof value.id === 'string' ? value.id : `sent-${++sampleCounter}`;
		events.push({ field: opts.field, targetId: defaultUserId, time: Math.floor(env.clock.now() / 1000), value, eventKey: `${opts.field}:${defaultUserId}:${key}` });
	}
	const deliveries: WebhookDelivery[] = [];
	const sendOne = async (event: WebhookEvent, subscription: Subscription) => {
		const wire = tamperedWire(opts.tamper, hub.bodyFor(event, subscription), hub.secretOf(subscription));
		const first = hub.start(event, subscription, wire, opts.tamper);
		deliveries.push(first.delivery);
		await first.done;
		if (opts.tamper === 'replay') {
			const again = hub.start(event, subscription, wire, opts.tamper);
			deliveries.push(again.delivery);
			await again.done;
		}
	};
	const sendEvent = (event: WebhookEvent) => Promise.all(subscriptions.map((s) => sendOne(event, s)));
	if (opts.tamper === 'burst') await Promise.all(events.map(sendEvent));
	else for (const event of events) await sendEvent(event);
	return { deliveries: deliveries.map((d) => ({ ...d, statuses: [...d.statuses] })) };
}
