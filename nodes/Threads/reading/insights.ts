import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type ThreadsRequest, threadsApiRequest } from '../transport/request';

export const POST_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;
export const ACCOUNT_METRICS = [
	'views',
	'likes',
	'replies',
	'reposts',
	'quotes',
	'clicks',
	'followers_count',
	'follower_demographics',
] as const;
export const BREAKDOWNS = ['age', 'city', 'country', 'gender'] as const;
export const DEMOGRAPHICS = 'follower_demographics';

/** The metrics of an item, validated: at least one, each known, no duplicates. */
export function readMetrics(
	context: IExecuteFunctions,
	value: unknown,
	allowed: readonly string[],
	itemIndex: number,
): string[] {
	const list = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [])
		.map((entry) => String(entry).trim())
		.filter(Boolean);
	if (list.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Metrics must contain at least one metric', {
			itemIndex,
			description: `Choose from: ${allowed.join(', ')}`,
		});
	}
	const unknown = list.filter((metric) => !allowed.includes(metric));
	if (unknown.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			`Metrics contains unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((m) => `"${m}"`).join(', ')}`,
			{ itemIndex, description: `Choose from: ${allowed.join(', ')}` },
		);
	}
	return Array.from(new Set(list));
}

/**
 * Meta's rule: follower_demographics needs exactly one breakdown, and a breakdown means nothing for
 * any other metric. Returns the breakdown to send, if any.
 */
export function checkBreakdown(
	context: IExecuteFunctions,
	metrics: string[],
	breakdown: unknown,
	itemIndex: number,
): string | undefined {
	const text = typeof breakdown === 'string' ? breakdown.trim() : '';
	const wantsDemographics = metrics.includes(DEMOGRAPHICS);
	if (wantsDemographics && text === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Breakdown is required when Metrics includes follower_demographics: choose exactly one of age, city, country or gender',
			{ itemIndex },
		);
	}
	if (!wantsDemographics && text !== '') {
		throw new NodeOperationError(
			context.getNode(),
			`Breakdown ("${text}") only applies to the follower_demographics metric, which is not selected`,
			{ itemIndex, description: 'Add follower_demographics to Metrics, or clear Breakdown.' },
		);
	}
	if (text !== '' && !(BREAKDOWNS as readonly string[]).includes(text)) {
		throw new NodeOperationError(
			context.getNode(),
			`Breakdown must be exactly one of age, city, country or gender, got "${text}"`,
			{ itemIndex },
		);
	}
	return text || undefined;
}

/** Reads an insights edge: its metric entries as Threads lists them. */
export async function readInsights(
	this: IExecuteFunctions,
	request: Omit<ThreadsRequest, 'method'>,
): Promise<IDataObject[]> {
	const response = await threadsApiRequest.call(this, { method: 'GET', ...request });
	return (Array.isArray(response.data) ? response.data : []) as IDataObject[];
}

interface MetricEntry extends IDataObject {
	name?: string;
	values?: Array<{ value?: unknown; end_time?: string }>;
	total_value?: {
		value?: unknown;
		breakdowns?: Array<{
			dimension_keys?: string[];
			results?: Array<{ dimension_values?: string[]; value?: unknown }>;
		}>;
	};
	link_total_values?: Array<{ value?: unknown; link_url?: string }>;
}

function numeric(value: unknown): number {
	const n = Number(value);
	return Number.isFinite(n) ? n : 0;
}

/** The value of one metric entry as a plain number or object, whatever shape Meta used for it. */
export function metricValue(entry: MetricEntry): unknown {
	if (entry.total_value?.breakdowns) {
		const result: IDataObject = {};
		for (const breakdown of entry.total_value.breakdowns) {
			for (const row of breakdown.results ?? []) {
				const key = (row.dimension_values ?? []).join(', ');
				result[key] = numeric(row.value);
			}
		}
		return result;
	}
	if (entry.total_value && 'value' in entry.total_value) return numeric(entry.total_value.value);
	if (Array.isArray(entry.link_total_values)) {
		return entry.link_total_values.reduce((sum, link) => sum + numeric(link.value), 0);
	}
	if (Array.isArray(entry.values)) {
		return entry.values.reduce((sum, point) => sum + numeric(point.value), 0);
	}
	return null;
}

/** One flat object: `{ views, likes, replies, ... }`, plus per-link clicks and per-day views where Meta gives them. */
export function simplifyInsights(entries: MetricEntry[]): IDataObject {
	const out: IDataObject = {};
	for (const entry of entries) {
		if (!entry.name) continue;
		out[entry.name] = metricValue(entry) as IDataObject[keyof IDataObject];
		if (entry.name === 'clicks' && Array.isArray(entry.link_total_values)) {
			out.clicks_by_link = entry.link_total_values.map((link) => ({
				link_url: link.link_url ?? null,
				value: numeric(link.value),
			}));
		}
		if (
			entry.name === 'views' &&
			Array.isArray(entry.values) &&
			entry.values.some((point) => point.end_time)
		) {
			out.views_by_day = entry.values.map((point) => ({
				end_time: point.end_time ?? null,
				value: numeric(point.value),
			}));
		}
	}
	return out;
}
