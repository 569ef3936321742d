import type { IDataObject } from 'n8n-workflow';

import {
	EMPTY_MARK,
	type Range,
	Seen,
	type Watermark,
	settle,
	take,
	timestampSeconds,
} from './watermark';

/**
 * One poll of one watched list: read what is above the mark, then any gap an earlier poll left,
 * within a page budget. The reading itself is handed in, so this runs the same against Threads
 * and against a list in a unit test.
 */

export interface ReadRequest {
	range: Range;
	maxPages: number;
	firstPageSize: number;
	/** Stop once the items read so far (newest first) are enough. */
	enough?: (items: IDataObject[]) => boolean;
}

export interface RangeRead {
	/** Newest first, as Threads lists them. */
	items: IDataObject[];
	/** False when the page budget ended the read before the range did. */
	complete: boolean;
	pages: number;
}

export type RangeReader = (request: ReadRequest) => Promise<RangeRead>;

/** Meta's largest page. */
const PAGE_SIZE = 100;
/**
 * The first page of a poll's read: a quiet list answers it with the items of the mark's second
 * (and one older, which ends the read), so it holds them all when it can.
 */
export const FIRST_PAGE_SIZE = 25;

export function firstPageSize(mark: { ids: string[] }): number {
	return Math.min(PAGE_SIZE, Math.max(FIRST_PAGE_SIZE, mark.ids.length + 1));
}
/** Unread gaps kept per list; past it the oldest is given up (and said). */
export const MAX_GAPS = 10;

export interface Advance {
	watermark: Watermark;
	/** New items, newest first. */
	fresh: IDataObject[];
	/** Whether the page budget ran out with items left unread (they come in later polls). */
	capped: boolean;
	/** Gaps given up because there were too many: their items are never read. */
	dropped: Array<{ since: number; until: number }>;
	pages: number;
}

/** Reads the new items of a list since its watermark, at most `maxPages` pages. */
export async function advance(
	watermark: Watermark,
	read: RangeReader,
	maxPages: number,
): Promise<Advance> {
	const seen = new Seen(watermark);
	const fresh: IDataObject[] = [];
	let pages = 0;
	let mark = watermark.mark.ts;
	const gaps = watermark.gaps.map((gap) => ({ since: gap.since.ts, until: gap.until.ts }));

	const top = await read({
		range: { since: watermark.mark },
		maxPages,
		firstPageSize: firstPageSize(watermark.mark),
	});
	pages += top.pages;
	const above = take(seen, { since: watermark.mark }, top.items);
	fresh.push(...above.fresh);
	if (!top.complete && above.oldest !== undefined) {
		gaps.push({ since: watermark.mark.ts, until: above.oldest });
	}
	if (above.newest !== undefined) mark = Math.max(mark, above.newest);

	// Older gaps first: what was left longest ago comes out first.
	gaps.sort((a, b) => a.since - b.since);
	const dropped: Array<{ since: number; until: number }> = [];
	for (let index = 0; index < gaps.length && pages < maxPages; ) {
		const gap = gaps[index];
		const range = { since: seen.boundary(gap.since), until: seen.boundary(gap.until) };
		const result = await read({ range, maxPages: maxPages - pages, firstPageSize: PAGE_SIZE });
		pages += result.pages;
		const within = take(seen, range, result.items);
		fresh.push(...within.fresh);
		if (result.complete) {
			gaps.splice(index, 1);
			continue;
		}
		if (ignoresUntil(gap.until, result.items)) {
			// The list answered from its top: the gap would never be reached within a budget.
			dropped.push(...gaps.splice(index, 1));
			continue;
		}
		if (within.oldest !== undefined) gap.until = within.oldest;
		index++;
	}
	if (gaps.length > MAX_GAPS) dropped.push(...gaps.splice(0, gaps.length - MAX_GAPS));
	return {
		watermark: settle(seen, mark, gaps),
		fresh,
		capped: gaps.length > 0,
		dropped,
		pages,
	};
}

/** Whether a read of a gap got items newer than it asked for (`until` plus its one second of overlap). */
function ignoresUntil(until: number, items: IDataObject[]): boolean {
	return items.some((item) => (timestampSeconds(item) ?? 0) > until + 1);
}

export interface Start {
	watermark: Watermark;
	/** The newest `recent` items, newest first (what the first run emits when asked). */
	recent: IDataObject[];
	pages: number;
}

/**
 * The first poll of a list: the mark goes to its newest second (all of it), so nothing already
 * there is emitted later; the newest `recent` items are returned for a first run that asks for them.
 */
export async function start(read: RangeReader, recent: number, maxPages: number): Promise<Start> {
	const want = Math.max(1, recent);
	const result = await read({
		range: { since: EMPTY_MARK },
		maxPages,
		firstPageSize: Math.min(PAGE_SIZE, Math.max(want, FIRST_PAGE_SIZE)),
		enough: (items) => items.length >= want && spansTwoSeconds(items),
	});
	const seen = new Seen();
	const taken = take(seen, { since: EMPTY_MARK }, result.items);
	const mark = taken.newest ?? 0;
	return {
		watermark: settle(seen, mark, []),
		recent: recent > 0 ? taken.fresh.slice(0, recent) : [],
		pages: result.pages,
	};
}

/** Whether items (newest first) reach below the newest second, so that second was read whole. */
function spansTwoSeconds(items: IDataObject[]): boolean {
	const seconds = new Set(items.map(timestampSeconds).filter((ts) => ts !== undefined));
	return seconds.size >= 2;
}

/** A watermark for a list known to start at `ts` (a new post's replies): everything from it on is new. */
export function startingAt(ts: number): Watermark {
	return { mark: { ts, ids: [] }, gaps: [] };
}
