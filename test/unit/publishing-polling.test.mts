import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	FIVE_PER_DECADE,
	checkAges,
	pollUntil,
	scheduleFor,
} from '../../nodes/Threads/publishing/pollSchedule.ts';

function fakeClock(start = 1_000_000) {
	let now = start;
	const sleeps: number[] = [];
	return {
		now: () => now,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			now += ms;
		},
		advance: (ms: number) => {
			now += ms;
		},
		sleeps,
	};
}

test('media checks grow five per decade from 2 s and end with one check at the deadline', () => {
	const ages = checkAges(scheduleFor('VIDEO', 300_000));
	assert.deepEqual(ages.slice(0, 3), [2000, 3170, 5024]);
	assert.equal(ages.length, 12);
	assert.equal(ages[ages.length - 1], 300_000);
	for (let i = 1; i < ages.length - 1; i++)
		assert.ok(ages[i] / ages[i - 1] <= FIVE_PER_DECADE + 0.001);
});

test('intervals never exceed two minutes on long waits', () => {
	const ages = checkAges(scheduleFor('VIDEO', 60 * 60_000));
	for (let i = 1; i < ages.length; i++) assert.ok(ages[i] - ages[i - 1] <= 120_000);
});

test('text and containers of unknown age are checked at once', () => {
	assert.equal(checkAges(scheduleFor('TEXT'))[0], 0);
	assert.equal(checkAges(scheduleFor('UNKNOWN'))[0], 0);
	assert.equal(checkAges(scheduleFor('CAROUSEL'))[0], 1000);
});

for (const processing of [2000, 30_000, 120_000, 300_000]) {
	test(`processing of ${processing / 1000} s is noticed at the first check after it, within 12 checks`, async () => {
		const clock = fakeClock();
		const origin = clock.now();
		const result = await pollUntil(
			async () =>
				clock.now() - origin >= processing ? { done: true, value: 'ready' } : { done: false },
			scheduleFor('VIDEO', 600_000),
			clock,
			origin,
		);
		assert.equal(result.value, 'ready');
		assert.ok(result.checks <= 12, `${result.checks} checks`);
		const ages = checkAges(scheduleFor('VIDEO', 600_000));
		assert.equal(
			result.waitedMs,
			ages.find((age) => age >= processing),
		);
	});
}

test('a wait that runs out returns no value after the deadline check', async () => {
	const clock = fakeClock();
	const result = await pollUntil(
		async () => ({ done: false }),
		scheduleFor('IMAGE', 10_000),
		clock,
	);
	assert.equal(result.value, undefined);
	assert.equal(result.waitedMs, 10_000);
	assert.equal(result.checks, checkAges(scheduleFor('IMAGE', 10_000)).length);
});

test('a check that ran long skips the checks it overran instead of bursting', async () => {
	const clock = fakeClock();
	let checks = 0;
	await pollUntil(
		async () => {
			checks++;
			if (checks === 1) clock.advance(40_000);
			return checks === 3 ? { done: true, value: true } : { done: false };
		},
		scheduleFor('VIDEO', 300_000),
		clock,
	);
	// After the first check (age 2 s) ran until age 42 s, the next one waits for age 50 s.
	assert.deepEqual(clock.sleeps.slice(0, 2), [2000, 50_238 - 42_000]);
});
