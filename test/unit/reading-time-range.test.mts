// Since/Until: the date forms n8n and AI agents hand over, and Meta's earliest dates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IExecuteFunctions } from 'n8n-workflow';

import { EARLIEST_INSIGHTS_SINCE, parseTime, timeRange } from '../../nodes/Threads/parameters/timeRange.ts';

const context = { getNode: () => ({ name: 'Threads' }) } as unknown as IExecuteFunctions;

test('ISO strings, unix seconds, unix milliseconds, Dates and Luxon-like objects', () => {
	const seconds = 1735689600; // 2025-01-01T00:00:00Z
	assert.equal(parseTime(context, '2025-01-01T00:00:00Z', 'Since', 0), seconds);
	assert.equal(parseTime(context, '2025-01-01T00:00:00.999Z', 'Since', 0), seconds);
	assert.equal(parseTime(context, String(seconds), 'Since', 0), seconds);
	assert.equal(parseTime(context, seconds, 'Since', 0), seconds);
	assert.equal(parseTime(context, seconds * 1000, 'Since', 0), seconds);
	assert.equal(parseTime(context, new Date(seconds * 1000), 'Since', 0), seconds);
	assert.equal(parseTime(context, { toMillis: () => seconds * 1000 }, 'Since', 0), seconds);
	assert.equal(parseTime(context, '', 'Since', 0), undefined);
	assert.throws(() => parseTime(context, 'soon', 'Until', 0), /^NodeOperationError: Until must be a date/);
});

test("Meta's earliest dates and the order of Since and Until", () => {
	assert.deepEqual(timeRange(context, '2023-07-05T07:00:00Z', '', 0), { since: 1688540400, until: undefined });
	assert.throws(() => timeRange(context, '2023-07-05T06:59:59Z', '', 0), /Since must be on or after 2023-07-05T07:00:00Z/);
	assert.throws(() => timeRange(context, '2024-04-13T06:00:00Z', '', 0, EARLIEST_INSIGHTS_SINCE), /Since must be on or after 2024-04-13T07:00:00Z/);
	assert.throws(() => timeRange(context, '', '2020-01-01T00:00:00Z', 0), /Until must be on or after/);
	assert.throws(() => timeRange(context, '2025-02-02T00:00:00Z', '2025-02-01T00:00:00Z', 0), /must not be before Since/);
});
