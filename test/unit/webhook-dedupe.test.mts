// Meta's repeated deliveries of one event run the workflow once: keys, the 36-hour window, bounds.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	MAX_PERSISTED_KEYS,
	MAX_PROCESS_KEYS,
	REPEAT_WINDOW_MS,
	claimDeliveries,
	deliveryKey,
	processMemoryOf,
} from '../../nodes/ThreadsTrigger/webhook/dedupe.ts';
import type { ThreadsWebhookEvent } from '../../nodes/ThreadsTrigger/webhook/payload.ts';
import type { IDataObject } from 'n8n-workflow';

const event = (
	field: string,
	value: IDataObject,
	time: number = 1723226877,
): ThreadsWebhookEvent => ({
	field,
	value,
	notification: { app_id: '1', topic: 'moderate', time },
	change: { field, value },
});

test('the key is the field and the id; a delete adds the notification time', () => {
	assert.equal(deliveryKey(event('replies', { id: '9', text: 'a' })), 'replies:9');
	assert.equal(deliveryKey(event('replies', { id: 9 })), 'replies:9');
	assert.equal(deliveryKey(event('mentions', { id: '9' })), 'mentions:9');
	assert.equal(deliveryKey(event('delete', { id: '9' })), 'delete:9:1723226877');
	assert.notEqual(
		deliveryKey(event('delete', { id: '9' }, 1)),
		deliveryKey(event('delete', { id: '9' }, 2)),
	);
});

test('an event without an id is keyed by its content: an exact repeat is recognised, another event is not', () => {
	const a = deliveryKey(event('replies', { text: 'no id' }));
	assert.match(a, /^replies:sha256:[0-9a-f]{64}$/);
	assert.equal(deliveryKey(event('replies', { text: 'no id' })), a);
	assert.notEqual(deliveryKey(event('replies', { text: 'other' })), a);
});

test('the first delivery is claimed, a repeat is not, from memory or from static data alone', () => {
	const memory = new Map<string, number>();
	const t0 = 1_700_000_000_000;
	const first = claimDeliveries(['replies:1'], {}, memory, t0);
	assert.deepEqual(first.first, [true]);
	assert.deepEqual(first.persisted, { 'replies:1': t0 });
	// the same process
	assert.deepEqual(claimDeliveries(['replies:1'], {}, memory, t0 + 1000).first, [false]);
	// after a restart: only the static data knows
	assert.deepEqual(claimDeliveries(['replies:1'], first.persisted, new Map(), t0 + 1000).first, [
		false,
	]);
	// twice in one delivery
	assert.deepEqual(claimDeliveries(['replies:2', 'replies:2'], {}, new Map(), t0).first, [
		true,
		false,
	]);
});

test('concurrent repeats that both read the same static data: only one is first', () => {
	const memory = processMemoryOf('workflow-1:node-1');
	assert.equal(processMemoryOf('workflow-1:node-1'), memory);
	assert.notEqual(processMemoryOf('workflow-1:node-2'), memory);
	const staticData = {}; // both requests loaded it before either saved
	const results = [
		claimDeliveries(['replies:5'], staticData, memory, 1),
		claimDeliveries(['replies:5'], staticData, memory, 2),
	];
	assert.deepEqual(
		results.map((r) => r.first[0]),
		[true, false],
	);
});

test('after the window the same key is news again; old keys are dropped from both stores', () => {
	const memory = new Map<string, number>();
	const t0 = 1_700_000_000_000;
	const { persisted } = claimDeliveries(['replies:1'], {}, memory, t0);
	const inside = claimDeliveries(['replies:1'], persisted, memory, t0 + REPEAT_WINDOW_MS - 1);
	assert.deepEqual(inside.first, [false]);
	const after = claimDeliveries(['replies:1'], persisted, memory, t0 + REPEAT_WINDOW_MS);
	assert.deepEqual(after.first, [true]);
	assert.deepEqual(after.persisted, { 'replies:1': t0 + REPEAT_WINDOW_MS });
	const later = claimDeliveries(
		['replies:2'],
		{ 'replies:old': t0, junk: 'x' as unknown as number },
		new Map(),
		t0 + REPEAT_WINDOW_MS,
	);
	assert.deepEqual(later.persisted, { 'replies:2': t0 + REPEAT_WINDOW_MS });
});

test('both stores are bounded, keeping the most recent keys', () => {
	const memory = new Map<string, number>();
	let persisted: Record<string, number> = {};
	const t0 = 1_700_000_000_000;
	const total = MAX_PROCESS_KEYS + 50;
	for (let i = 0; i < total; i++)
		persisted = claimDeliveries([`replies:${i}`], persisted, memory, t0 + i).persisted;
	assert.equal(Object.keys(persisted).length, MAX_PERSISTED_KEYS);
	assert.ok(`replies:${total - 1}` in persisted);
	assert.ok(!(`replies:${total - 1 - MAX_PERSISTED_KEYS}` in persisted));
	assert.equal(memory.size, MAX_PROCESS_KEYS);
	assert.ok(memory.has(`replies:${total - 1}`));
	assert.ok(!memory.has('replies:0'));
	// a key gone from static data is still known to this process
	assert.deepEqual(claimDeliveries(['replies:100'], persisted, memory, t0 + total).first, [false]);
});
