import type { IDataObject } from 'n8n-workflow';

/**
 * What a poll remembers of one watched list, and how it tells new items from known ones. Pure: no
 * request, no n8n. Threads' lists are newest first and their timestamps have second resolution, so
 * many items can share a second: a point in a list is a second plus the ids already seen in it.
 */

/** A second (unix seconds) and the ids already seen with that timestamp. */
export interface Boundary {
	ts: number;
	ids: string[];
}

/**
 * Part of a list left unread when a poll hit its page cap: the items from `since` to `until`
 * (both seconds included), minus the ids both ends list. Later polls read it.
 */
export interface Gap {
	since: Boundary;
	until: Boundary;
}

/** One watched list: everything up to `mark` was seen, except what the gaps say. */
export interface Watermark {
	mark: Boundary;
	gaps: Gap[];
}

/** The mark of a list that was empty: every item that shows up is new. */
export const EMPTY_MARK: Boundary = { ts: 0, ids: [] };

/** A part of a list to read, newest first: from `until` (or the top) down to `since`. */
export interface Range {
	since: Boundary;
	until?: Boundary;
}

/** Unix seconds of an item's `timestamp` (Meta's `2024-08-09T18:07:56+0000`), or undefined. */
export function timestampSeconds(item: IDataObject): number | undefined {
	const value = item.timestamp;
	if (typeof value === 'number' && Number.isFinite(value)) {
		return Math.floor(value > 1e12 ? value / 1000 : value);
	}
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export function itemId(item: IDataObject): string {
	return item.id === undefined || item.id === null ? '' : String(item.id);
}

/**
 * The `since`/`until` query of a range, one second wider on each side: whether Meta counts the
 * ends in or out, nothing at the edges is lost (what is outside the range is dropped on reading).
 */
export function rangeQuery(range: Range): IDataObject {
	const qs: IDataObject = {};
	if (range.since.ts > 0) qs.since = range.since.ts - 1;
	if (range.until) qs.until = range.until.ts + 1;
	return qs;
}

/** Whether a page (newest first) went past the start of the range: nothing after it is in range. */
export function crossed(range: Range, page: IDataObject[]): boolean {
	return page.some((item) => {
		const ts = timestampSeconds(item);
		return ts !== undefined && ts < range.since.ts;
	});
}

export function inRange(range: Range, ts: number): boolean {
	return ts >= range.since.ts && (range.until === undefined || ts <= range.until.ts);
}

/** The ids known per second during one poll: the watermark's boundaries plus what the poll took. */
export class Seen {
	private readonly bySecond = new Map<number, Set<string>>();

	constructor(watermark?: Watermark) {
		if (!watermark) return;
		for (const boundary of boundariesOf(watermark)) {
			for (const id of boundary.ids) this.add(boundary.ts, id);
		}
	}

	has(ts: number, id: string): boolean {
		return this.bySecond.get(ts)?.has(id) ?? false;
	}

	add(ts: number, id: string): void {
		let ids = this.bySecond.get(ts);
		if (!ids) {
			ids = new Set();
			this.bySecond.set(ts, ids);
		}
		ids.add(id);
	}

	/** A boundary at this second listing every id known in it. */
	boundary(ts: number): Boundary {
		return { ts, ids: [...(this.bySecond.get(ts) ?? [])].sort() };
	}
}

function boundariesOf(watermark: Watermark): Boundary[] {
	return [watermark.mark, ...watermark.gaps.flatMap((gap) => [gap.since, gap.until])];
}

/** What reading a range found. */
export interface Taken {
	/** New items, in the order read (newest first). */
	fresh: IDataObject[];
	/** The newest second read in the range. */
	newest?: number;
	/** The oldest second read in the range: where a cut read resumes. */
	oldest?: number;
}

/**
 * Sorts the items read from a range into new ones (recorded in `seen`, so a later read in the
 * same poll does not take them again) and known ones. Items outside the range, without an id or
 * without a timestamp, are left out.
 */
export function take(seen: Seen, range: Range, items: IDataObject[]): Taken {
	const taken: Taken = { fresh: [] };
	for (const item of items) {
		const ts = timestampSeconds(item);
		const id = itemId(item);
		if (ts === undefined || id === '' || !inRange(range, ts)) continue;
		taken.newest = Math.max(taken.newest ?? ts, ts);
		taken.oldest = Math.min(taken.oldest ?? ts, ts);
		if (seen.has(ts, id)) continue;
		seen.add(ts, id);
		taken.fresh.push(item);
	}
	return taken;
}

/** The watermark to keep: each boundary lists every id known in its second. */
export function settle(
	seen: Seen,
	mark: number,
	gaps: Array<{ since: number; until: number }>,
): Watermark {
	return {
		mark: seen.boundary(mark),
		gaps: gaps.map((gap) => ({ since: seen.boundary(gap.since), until: seen.boundary(gap.until) })),
	};
}

/** Events oldest first: by second, and within a second in the reverse of Threads' newest-first order. */
export function oldestFirst<T>(newestFirst: T[], secondOf: (entry: T) => number): T[] {
	return [...newestFirst].reverse().sort((a, b) => secondOf(a) - secondOf(b));
}

/** A watermark read back from static data, or undefined when it is missing or not one. */
export function parseWatermark(value: unknown): Watermark | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { mark, gaps } = value as { mark?: unknown; gaps?: unknown };
	const boundary = parseBoundary(mark);
	if (!boundary || !Array.isArray(gaps)) return undefined;
	const parsed: Gap[] = [];
	for (const gap of gaps as Array<{ since?: unknown; until?: unknown }>) {
		const since = parseBoundary(gap?.since);
		const until = parseBoundary(gap?.until);
		if (since && until && since.ts <= until.ts) parsed.push({ since, until });
	}
	return { mark: boundary, gaps: parsed };
}

function parseBoundary(value: unknown): Boundary | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { ts, ids } = value as { ts?: unknown; ids?: unknown };
	if (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0 || !Array.isArray(ids))
		return undefined;
	return { ts, ids: ids.map(String) };
}
