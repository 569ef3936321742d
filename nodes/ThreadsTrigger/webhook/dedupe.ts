import { createHash } from 'node:crypto';

import type { ThreadsWebhookEvent } from './payload';

/**
 * Meta retries a delivery it did not see answered with 200, with decreasing frequency, for up to
 * 36 hours; the same event seen again within that window is a repeat, not news.
 */
export const REPEAT_WINDOW_MS = 36 * 60 * 60 * 1000;
/** Keys kept in the workflow's static data, which n8n saves with the workflow: the most recent. */
export const MAX_PERSISTED_KEYS = 500;
/** Keys one trigger node keeps in this n8n process. */
export const MAX_PROCESS_KEYS = 10_000;

/** Event key -> when it was first delivered (ms since the epoch). */
export type SeenDeliveries = Record<string, number>;

function idText(value: unknown): string | null {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/**
 * What makes two deliveries the same event: the field and the id of what it is about (with the
 * notification time for a delete). An event without an id is keyed by a hash of its content, so an
 * exact repeat is still recognised.
 */
export function deliveryKey(event: ThreadsWebhookEvent): string {
	const id = idText(event.value.id);
	if (id === null) {
		const content = JSON.stringify({ notification: event.notification, change: event.change });
		return `${event.field}:sha256:${createHash('sha256').update(content).digest('hex')}`;
	}
	if (event.field === 'delete') return `delete:${id}:${idText(event.notification.time) ?? ''}`;
	return `${event.field}:${id}`;
}

/**
 * Deliveries seen in this process, per trigger node. Static data alone is not enough: n8n reads it
 * from the database when a request arrives and saves it after answering, so two repeats arriving
 * together would both look new.
 */
const processMemory = new Map<string, Map<string, number>>();

export function processMemoryOf(scope: string): Map<string, number> {
	let memory = processMemory.get(scope);
	if (!memory) {
		memory = new Map();
		processMemory.set(scope, memory);
	}
	return memory;
}

function forgetOld(memory: Map<string, number>, now: number): void {
	// Insertion order is first-seen order: expired keys are at the front, and so are the oldest.
	for (const [key, seenAt] of memory) {
		if (now - seenAt < REPEAT_WINDOW_MS && memory.size <= MAX_PROCESS_KEYS) break;
		memory.delete(key);
	}
}

function keepRecent(persisted: SeenDeliveries, now: number): SeenDeliveries {
	const recent = Object.entries(persisted)
		.filter(([, seenAt]) => typeof seenAt === 'number' && now - seenAt < REPEAT_WINDOW_MS)
		.sort((a, b) => a[1] - b[1])
		.slice(-MAX_PERSISTED_KEYS);
	return Object.fromEntries(recent);
}

export interface Claim {
	/** For each key, whether this is its first delivery within the window. */
	first: boolean[];
	/** What the static data should hold from now on (recent keys only, bounded). */
	persisted: SeenDeliveries;
}

/**
 * Records the keys as delivered and tells which ones are new. Synchronous on purpose: of two
 * repeats handled at the same moment in this process, only one can be first.
 */
export function claimDeliveries(
	keys: string[],
	persisted: SeenDeliveries,
	memory: Map<string, number>,
	now: number,
): Claim {
	forgetOld(memory, now);
	const kept = keepRecent(persisted, now);
	const first = keys.map((key) => {
		if (memory.has(key) || kept[key] !== undefined) return false;
		memory.set(key, now);
		kept[key] = now;
		return true;
	});
	forgetOld(memory, now);
	return { first, persisted: keepRecent(kept, now) };
}
