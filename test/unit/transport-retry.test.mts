import assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEFAULT_RETRY, RETRY_BUDGET_PER_ITEM, backoffDelay, isRetryable, takeRetry } from '../../nodes/Threads/transport/retry.ts';

test('throttling is retried even for requests that change things: Meta refused them outright', () => {
	assert.equal(isRetryable({ kind: 'throttled' }, false), true);
});

test('transient errors and dropped connections are retried only where repeating is safe', () => {
	assert.equal(isRetryable({ kind: 'transient' }, true), true);
	assert.equal(isRetryable({ kind: 'transient' }, false), false);
	assert.equal(isRetryable({ kind: 'network', mayHaveTakenEffect: true }, false), false);
	assert.equal(isRetryable({ kind: 'network', mayHaveTakenEffect: false }, false), true);
});

test('permanent errors are never retried', () => {
	for (const kind of ['expiredToken', 'invalidParameter', 'missingPermission', 'quotaReached', 'mediaDownloadFailed'] as const) {
		assert.equal(isRetryable({ kind }, true), false, kind);
	}
});

test('backoff grows exponentially with jitter and stays under the cap', () => {
	const policy = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 5000 };
	assert.equal(backoffDelay(0, policy, () => 0), 500);
	assert.equal(backoffDelay(0, policy, () => 1), 1000);
	assert.equal(backoffDelay(2, policy, () => 1), 4000);
	assert.equal(backoffDelay(10, policy, () => 1), 5000);
});

test('every retry of one item draws from one budget, whoever makes it; other items have their own', () => {
	const execution = {};
	for (let taken = 0; taken < RETRY_BUDGET_PER_ITEM; taken++) assert.equal(takeRetry(execution, 0), true, `retry ${taken + 1}`);
	assert.equal(takeRetry(execution, 0), false, 'the budget is spent');
	assert.equal(takeRetry(execution, 1), true, 'item 2 has its own budget');
	assert.equal(takeRetry({}, 0), true, 'another execution has its own budget');
});
