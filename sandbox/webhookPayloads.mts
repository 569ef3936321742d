// Webhook payloads in Threads' shape (not Facebook's entry/changes), after the samples of
// developers.facebook.com/docs/threads/webhooks (see README, Webhooks).
import { metaTimestamp } from './clock.mts';
import type { Env } from './context.mts';
import { parseFields } from './fields.mts';
import { permalink } from './publishing.mts';
import { renderMedia } from './reads.mts';
import type { MediaRecord, TokenRecord } from './state.mts';
import type { WebhookField } from './types.mts';

export const WEBHOOK_FIELDS: readonly WebhookField[] = ['replies', 'mentions', 'publish', 'delete'];

export const TOPIC_OF: Record<WebhookField, 'moderate' | 'interaction'> = {
	replies: 'moderate',
	delete: 'moderate',
	mentions: 'interaction',
	publish: 'interaction',
};

/** One event before it is addressed to a subscription. */
export interface WebhookEvent {
	field: WebhookField;
	/** The installed user the event concerns. */
	targetId: string;
	/** Unix seconds (sandbox clock) when the event happened; the payload's `time`. */
	time: number;
	value: Record<string, unknown>;
	eventKey: string;
}

/** The mentions sample lists these (alphabetical, as Meta's); the rest only "when applicable". */
const MENTION_FIELDS =
	'id,alt_text,gif_url,has_replies,is_quote_post,is_reply,media_product_type,media_type,media_url,permalink,' +
	'poll_attachment,quoted_post,replied_to,reposted_post,root_post,shortcode,text,thumbnail_url,timestamp,username';

function username(env: Env, userId: string): string | undefined {
	return env.state.users.get(userId)?.username;
}

export function replyValue(env: Env, reply: MediaRecord, rootOwnerId: string): Record<string, unknown> {
	const rootId = reply.rootId ?? reply.replyToId;
	const root = rootId ? env.state.media.get(rootId) : undefined;
	const ownerId = root?.ownerId ?? rootOwnerId;
	return {
		id: reply.id,
		username: username(env, reply.ownerId),
		text: reply.text,
		media_type: reply.mediaType,
		permalink: permalink(env, reply),
		replied_to: { id: reply.replyToId },
		root_post: { id: rootId, owner_id: ownerId, username: username(env, ownerId) },
		shortcode: reply.shortcode,
		timestamp: metaTimestamp(reply.timestamp),
	};
}

export function mentionValue(env: Env, media: MediaRecord, mentionedId: string): Record<string, unknown> {
	// The viewer only decides is_reply_owned_by_me, which the sample does not carry.
	const viewer = { userId: mentionedId } as TokenRecord;
	return renderMedia(env, media, parseFields(MENTION_FIELDS, []), viewer);
}

export function publishValue(env: Env, media: MediaRecord): Record<string, unknown> {
	return {
		id: media.id,
		media_type: media.mediaType,
		permalink: permalink(env, media),
		timestamp: metaTimestamp(media.timestamp),
		username: username(env, media.ownerId),
	};
}

export function deleteValue(env: Env, media: MediaRecord): Record<string, unknown> {
	return {
		id: media.id,
		owner: { owner_id: media.ownerId },
		deleted_at: metaTimestamp(media.deletedAt ?? env.clock.now()),
		timestamp: metaTimestamp(media.timestamp),
		username: username(env, media.ownerId),
	};
}

/** The body's object for one subscription. */
export function envelope(env: Env, event: WebhookEvent, subscriptionId: string): Record<string, unknown> {
	return {
		app_id: env.app.clientId,
		topic: TOPIC_OF[event.field],
		target_id: event.targetId,
		time: event.time,
		subscription_id: subscriptionId,
		has_uid_field: false,
		values: { value: event.value, field: event.field },
	};
}

/**
 * JSON as Meta's servers write it: `/` as `\/` and non-ASCII as `\uXXXX`. A receiver that HMACs a
 * re-serialization instead of the raw bytes fails the signature check, as it would against Meta.
 */
export function metaJson(body: unknown): string {
	return JSON.stringify(body)
		.replace(/\//g, '\\/')
		.replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Who the sandbox treats as having installed the app: the default user and every user a token was issued to. */
export function installedUsers(env: Env, defaultUserId: string): Set<string> {
	const ids = new Set([defaultUserId]);
	for (const token of env.state.tokens.values()) ids.add(token.userId);
	return ids;
}

function mentions(text: string | undefined, name: string): boolean {
	return new RegExp(`(^|[^\\w.])@${name.replace(/\./g, '\\.')}\\b`, 'i').test(text ?? '');
}

/** What a new post or reply means for the installed users: publish, replies and mentions events. */
export function eventsOfCreated(env: Env, media: MediaRecord, installed: Set<string>): WebhookEvent[] {
	const time = Math.floor(env.clock.now() / 1000);
	const events: WebhookEvent[] = [];
	const add = (field: WebhookField, targetId: string, value: Record<string, unknown>) =>
		events.push({ field, targetId, time, value, eventKey: `${field}:${targetId}:${media.id}` });
	if (installed.has(media.ownerId) && media.mediaType !== 'REPOST_FACADE') {
		add('publish', media.ownerId, publishValue(env, media));
	}
	if (media.replyToId !== undefined) {
		const root = env.state.media.get(media.rootId ?? media.replyToId);
		if (root && installed.has(root.ownerId)) add('replies', root.ownerId, replyValue(env, media, root.ownerId));
	}
	for (const userId of installed) {
		const name = username(env, userId);
		if (userId !== media.ownerId && name && mentions(media.text, name)) add('mentions', userId, mentionValue(env, media, userId));
	}
	return events;
}

export function eventOfDeleted(env: Env, media: MediaRecord, installed: Set<string>): WebhookEvent | undefined {
	if (!installed.has(media.ownerId)) return undefined;
	return {
		field: 'delete',
		targetId: media.ownerId,
		time: Math.floor(env.clock.now() / 1000),
		value: deleteValue(env, media),
		eventKey: `delete:${media.ownerId}:${media.id}`,
	};
}
