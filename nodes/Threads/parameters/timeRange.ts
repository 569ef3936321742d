import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Meta refuses `since` before this on lists (2023-07-05T07:00:00Z, the launch of Threads). */
export const EARLIEST_LIST_SINCE = 1688540400;
/** Meta refuses `since` before this on account insights (2024-04-13T07:00:00Z). */
export const EARLIEST_INSIGHTS_SINCE = 1712991600;

export function isoFromUnix(seconds: number): string {
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * A date parameter as unix seconds: accepts what n8n's date picker gives (ISO strings), unix seconds or
 * milliseconds, and Luxon DateTimes from expressions. Empty means not set.
 */
export function parseTime(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let ms: number | undefined;
	if (typeof value === 'number') {
		ms = value > 1e12 ? value : value * 1000;
	} else if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (/^\d+$/.test(text)) {
			const n = Number(text);
			ms = n > 1e12 ? n : n * 1000;
		} else {
			ms = Date.parse(text);
		}
	} else if (value instanceof Date) {
		ms = value.getTime();
	} else if (
		typeof value === 'object' &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	) {
		ms = (value as { toMillis: () => number }).toMillis();
	}
	if (ms === undefined || !Number.isFinite(ms)) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} must be a date (ISO 8601 such as 2025-01-31T00:00:00Z) or a unix timestamp, got "${String(value).slice(0, 60)}"`,
			{ itemIndex },
		);
	}
	return Math.floor(ms / 1000);
}

/** Since/Until checked against Meta's rules: not before `earliest`, and Until after Since. */
export function timeRange(
	context: IExecuteFunctions,
	rawSince: unknown,
	rawUntil: unknown,
	itemIndex: number,
	earliest = EARLIEST_LIST_SINCE,
): { since?: number; until?: number } {
	const since = parseTime(context, rawSince, 'Since', itemIndex);
	const until = parseTime(context, rawUntil, 'Until', itemIndex);
	if (since !== undefined && since < earliest) {
		throw new NodeOperationError(
			context.getNode(),
			`Since must be on or after ${isoFromUnix(earliest)} (the earliest date Threads accepts here), got ${isoFromUnix(since)}`,
			{ itemIndex },
		);
	}
	if (until !== undefined && until < earliest) {
		throw new NodeOperationError(
			context.getNode(),
			`Until must be on or after ${isoFromUnix(earliest)} (the earliest date Threads accepts here), got ${isoFromUnix(until)}`,
			{ itemIndex },
		);
	}
	if (since !== undefined && until !== undefined && until < since) {
		throw new NodeOperationError(
			context.getNode(),
			`Until (${isoFromUnix(until)}) must not be before Since (${isoFromUnix(since)})`,
			{ itemIndex },
		);
	}
	return { since, until };
}
