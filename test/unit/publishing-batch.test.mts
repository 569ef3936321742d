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

test('mapWithConcurrency keeps input order and never runs more than the limit at once', async () => {
	let running = 0;
	let peak = 0;
	const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 3, async (value) => {
		running++;
		peak = Math.max(peak, running);
		await new Promise((resolve) => setTimeout(resolve, value));
		running--;
		return value * 10;
	});
	assert.deepEqual(results, [50, 10, 40, 20, 30, 0]);
	assert.equal(peak, 3);
});

test('after a failure no new run starts, the running ones finish, and the failure is raised', async () => {
	const started: number[] = [];
	await assert.rejects(
		mapWithConcurrency([0, 1, 2, 3, 4], 2, async (value) => {
			started.push(value);
			await new Promise((resolve) => setTimeout(resolve, value * 2));
			if (value === 1) throw new Error('item 1 failed');
			return value;
		}),
		/item 1 failed/,
	);
	assert.deepEqual(started, [0, 1, 2]);
});
