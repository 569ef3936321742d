import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { type Page, type PageReader, walkList } from '../../Threads/transport/pagination';
import { threadsApiRequest } from '../../Threads/transport/request';
import type { RangeReader } from './advance';
import type { Source } from './sources';
import { type Range, crossed, inRange, rangeQuery, timestampSeconds } from './watermark';

/**
 * How far past its page budget a read may go to get out of the second it is in: reads stop
 * between two seconds, so a later read of the rest re-reads at most a page of the second it was
 * cut in (a read cut inside a second bigger than its budget would never get past it).
 */
const OVERRUN = 5;

/**
 * Reads ranges of a list with the pagination walker. Pages stop at the start of the range whether
 * or not Threads applied `since`, so a list that ignores it costs a page, not its whole history.
 * `readPage` gets the range's `since`/`until` and the walker's `limit` and cursor.
 */
export function rangeReader(readPage: PageReader): RangeReader {
	return async ({ range, maxPages, firstPageSize, enough }) => {
		const read: IDataObject[] = [];
		let lastPage: IDataObject[] = [];
		const walk = (options: { maxPages: number; firstPageSize?: number; cursor?: string }) =>
			walkList(async (paging) => await readPage({ ...rangeQuery(range), ...paging }), {
				...options,
				stopWhen: (page) => {
					lastPage = page;
					read.push(...page);
					return crossed(range, page) || (enough?.(read) ?? false);
				},
			});
		let result = await walk({ maxPages, firstPageSize });
		const items = [...result.data];
		let pages = result.pages;
		// Over budget: read on, a page at a time, to the end of the second the last page is in.
		while (!result.complete && result.next && secondsIn(range, lastPage) < 2) {
			if (pages >= maxPages * OVERRUN) break;
			result = await walk({ maxPages: 1, cursor: result.next });
			items.push(...result.data);
			pages += result.pages;
		}
		return { items, complete: result.complete, pages };
	};
}

/** How many seconds of the range a page holds. */
function secondsIn(range: Range, page: IDataObject[]): number {
	const seconds = page
		.map(timestampSeconds)
		.filter((ts): ts is number => ts !== undefined && inRange(range, ts));
	return new Set(seconds).size;
}

/**
 * A watched list read through the Threads node's transport: token refresh, host checks, retries
 * and error messages are the node's own.
 */
export function sourceReader(context: IPollFunctions, source: Source, fields: string): RangeReader {
	return rangeReader(
		async (qs) =>
			(await threadsApiRequest.call(context, {
				method: 'GET',
				path: source.path,
				qs: { ...source.qs, fields, ...qs },
				scope: source.scope,
				action: source.action,
			})) as Page,
	);
}
