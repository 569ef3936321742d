import type { IDataObject } from 'n8n-workflow';

/**
 * One change Threads reports: the subscribed field, its value, and the notification around it
 * (`app_id`, `topic`, `target_id`, `time`, ... without `values`).
 */
export interface ThreadsWebhookEvent {
	/** `replies`, `mentions`, `publish`, `delete`; '' when the notification names none. */
	field: string;
	/** The reply, mention, post or deletion; {} when missing or not an object. */
	value: IDataObject;
	notification: IDataObject;
	/** The entry of `values` as received. */
	change: IDataObject;
}

export type ParsedDelivery = { ok: true; events: ThreadsWebhookEvent[] } | { ok: false };

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

/** The events of one notification: `values` as Meta documents it (one object), or a list of them. */
function eventsOf(notification: IDataObject): ThreadsWebhookEvent[] {
	const { values, ...around } = notification;
	return asList(values)
		.filter(isObject)
		.map((change) => ({
			field: typeof change.field === 'string' ? change.field : '',
			value: isObject(change.value) ? change.value : {},
			notification: around,
			change,
		}));
}

/**
 * Reads a delivery's body as Threads sends it: `{app_id, topic, target_id, time, subscription_id,
 * has_uid_field, values: {value, field}}`, or a list of such notifications. Meta's own samples have
 * typos and missing fields, so anything absent is left out rather than refused; only a body that is
 * not JSON, or JSON that is not an object or a list, is not a delivery.
 */
export function parseDelivery(rawBody: Buffer): ParsedDelivery {
	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return { ok: false };
	}
	if (!isObject(body) && !Array.isArray(body)) return { ok: false };
	return { ok: true, events: asList(body).filter(isObject).flatMap(eventsOf) };
}
