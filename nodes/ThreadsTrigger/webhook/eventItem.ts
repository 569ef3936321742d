import type { IDataObject } from 'n8n-workflow';

import type { ThreadsWebhookEvent } from './payload';

/** An id or other scalar as text: Meta sends ids as strings, its samples sometimes as numbers. */
function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

function idOf(value: unknown): string | null {
	return value && typeof value === 'object' ? text((value as IDataObject).id) : null;
}

function unixTime(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return null;
}

/**
 * The output item of one event, flat, with the same keys whatever the field (null where the event
 * has no such value): what a user maps in the next node. `raw` is the notification holding only
 * this event, as Meta sent it.
 */
export function eventItem(event: ThreadsWebhookEvent): IDataObject {
	const { field, value, notification, change } = event;
	return {
		event: field,
		postId: text(value.id),
		text: text(value.text),
		username: text(value.username),
		permalink: text(value.permalink),
		timestamp: text(value.timestamp),
		mediaType: text(value.media_type),
		repliedToId: idOf(value.replied_to),
		rootPostId: idOf(value.root_post),
		deletedAt: text(value.deleted_at),
		topic: text(notification.topic),
		appId: text(notification.app_id),
		targetId: text(notification.target_id),
		time: unixTime(notification.time),
		raw: { ...notification, values: change },
	};
}
