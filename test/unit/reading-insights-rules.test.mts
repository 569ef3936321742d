// Insights: Meta's breakdown rule and the flat object Simplify makes of every metric shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IExecuteFunctions } from 'n8n-workflow';

import { ACCOUNT_METRICS, checkBreakdown, readMetrics, simplifyInsights } from '../../nodes/Threads/reading/insights.ts';

const context = { getNode: () => ({ name: 'Threads' }) } as unknown as IExecuteFunctions;

test('follower_demographics needs exactly one breakdown; other metrics take none', () => {
	assert.equal(checkBreakdown(context, ['follower_demographics'], 'age', 0), 'age');
	assert.equal(checkBreakdown(context, ['views', 'likes'], '', 0), undefined);
	assert.throws(() => checkBreakdown(context, ['views', 'follower_demographics'], '', 0), /Breakdown is required when Metrics includes follower_demographics/);
	assert.throws(() => checkBreakdown(context, ['views'], 'city', 0), /only applies to the follower_demographics metric/);
	assert.throws(() => checkBreakdown(context, ['follower_demographics'], 'country,city', 0), /exactly one of age, city, country or gender/);
});

test('metrics: a list or comma text, known ones only, duplicates dropped', () => {
	assert.deepEqual(readMetrics(context, 'views, likes,views', ACCOUNT_METRICS, 0), ['views', 'likes']);
	assert.throws(() => readMetrics(context, [], ACCOUNT_METRICS, 0), /at least one metric/);
	assert.throws(() => readMetrics(context, ['views', 'shares'], ACCOUNT_METRICS, 0), /unknown metric "shares"/);
});

test('Simplify: lifetime values, totals, time series, per-link clicks and breakdowns in one flat object', () => {
	const flat = simplifyInsights([
		{ name: 'likes', period: 'lifetime', values: [{ value: 7 }] },
		{ name: 'views', period: 'day', values: [{ value: 10, end_time: 'd1' }, { value: 15, end_time: 'd2' }] },
		{ name: 'followers_count', total_value: { value: 240 } },
		{ name: 'clicks', link_total_values: [{ value: 3, link_url: 'https://a' }, { value: 2, link_url: 'https://b' }] },
		{
			name: 'follower_demographics',
			total_value: { breakdowns: [{ dimension_keys: ['age'], results: [{ dimension_values: ['18-24'], value: 100 }, { dimension_values: ['25-34'], value: 140 }] }] },
		},
	]);
	assert.deepEqual(flat, {
		likes: 7,
		views: 25,
		views_by_day: [{ end_time: 'd1', value: 10 }, { end_time: 'd2', value: 15 }],
		followers_count: 240,
		clicks: 5,
		clicks_by_link: [{ link_url: 'https://a', value: 3 }, { link_url: 'https://b', value: 2 }],
		follower_demographics: { '18-24': 100, '25-34': 140 },
	});
});
