import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mapWithConcurrency } from '../../nodes/Threads/shared/concurrency.ts';
import { itemsBeyondQuota } from '../../nodes/Threads/publishing/quota.ts';

const room = (postsUsed: number, repliesUsed = 0) => ({
	post: { used: postsUsed, total: 250 },
	reply: { used: repliesUsed, total: 1000 },
});

test('the quota plan refuses the posts beyond the room left, in input order', () => {
	const refused = itemsBeyondQuota(['post', 'post', 'reply', 'post', undefined], room(248));
	assert.deepEqual([...refused.keys()], [3]);
	assert.match(
		refused.get(3)!,
		/250 posts per 24 hours, 248 are used, and the 2 left went to earlier items/,
	);
});

test('replies use their own quota, and items that publish nothing use none', () => {
	assert.equal(itemsBeyondQuota(['reply', 'reply', undefined, 'post'], room(0, 999)).size, 1);
	assert.equal(itemsBeyondQuota([undefined, undefined], room(250)).size, 0);
	assert.equal(
		itemsBeyondQuota(['post'], room(260)).size,
		1,
		'usage above the total leaves no room',
	);
});

/** Runs every promise callback already queued (setImmediate comes after them all; no timer, no wait). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs for mapWithConcurrency that end only when the test says, in the order it chooses. */
function heldRuns() {
	const started: number[] = [];
	const finished: number[] = [];
	const ends = new Map<number, { resolve(): void; reject(error: Error): void }>();
	let running = 0;
	let peak = 0;
	const run = async (value: number) => {
		started.push(value);
		running++;
		peak = Math.max(peak, running);
		try {
			await new Promise<void>((resolve, reject) => ends.set(value, { resolve, reject }));
		} finally {
			running--;
			finished.push(value);
		}
		return value * 10;
	};
	return {
		run,
		started,
		finished,
		peak: () => peak,
		running: () => running,
		finish: (value: number) => ends.get(value)!.resolve(),
		fail: (value: number, error: Error) => ends.get(value)!.reject(error),
	};
}

test('mapWithConcurrency keeps input order and never runs more than the limit at once', async () => {
	const runs = heldRuns();
	const all = mapWithConcurrency([5, 1, 4, 2, 3, 0], 3, runs.run);
	await settle();
	assert.deepEqual(runs.started, [5, 1, 4], 'three at once, in input order');
	// Each run that ends makes room for exactly one more; they end out of input order.
	for (const [ends, startsNext] of [
		[1, 2],
		[4, 3],
		[2, 0],
	] as const) {
		runs.finish(ends);
		await settle();
		assert.equal(runs.started.at(-1), startsNext);
		assert.equal(runs.running(), 3);
	}
	runs.finish(0);
	runs.finish(3);
	await settle();
	assert.equal(runs.running(), 1, 'the first input still runs');
	runs.finish(5);
	assert.deepEqual(await all, [50, 10, 40, 20, 30, 0]);
	assert.deepEqual(runs.finished, [1, 4, 2, 0, 3, 5]);
	assert.equal(runs.peak(), 3);
});

test('after a failure no new run starts, the running ones finish, and the failure is raised', async () => {
	const runs = heldRuns();
	let outcome: string | undefined;
	const all = mapWithConcurrency([0, 1, 2, 3, 4], 2, runs.run).then(
		() => (outcome = 'resolved'),
		(error: Error) => (outcome = `rejected after ${runs.finished.join(',')}: ${error.message}`),
	);
	await settle();
	assert.deepEqual(runs.started, [0, 1]);
	runs.finish(0);
	await settle();
	assert.deepEqual(runs.started, [0, 1, 2]);
	runs.fail(1, new Error('item 1 failed'));
	await settle();
	assert.deepEqual(runs.started, [0, 1, 2], 'nothing starts after the failure');
	assert.equal(outcome, undefined, 'the failure waits for the run still under way');
	runs.finish(2);
	await all;
	assert.equal(outcome, 'rejected after 0,1,2: item 1 failed');
	assert.deepEqual(runs.started, [0, 1, 2]);
});
