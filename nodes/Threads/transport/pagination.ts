import type { IDataObject } from 'n8n-workflow';

/** Meta's largest page. */
export const MAX_PAGE_SIZE = 100;

export interface Page {
	data?: IDataObject[];
	paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

/** Reads one page with these extra query parameters (`limit` and a cursor). */
export type PageReader = (qs: IDataObject) => Promise<Page>;

export interface WalkOptions {
	/** `after` reads on in Threads' order; `before` walks back from `cursor`. */
	direction?: 'after' | 'before';
	/** Where to start; required when walking `before`. */
	cursor?: string;
	/** Collect at most this many results (never a request past it); all when undefined. */
	limit?: number;
	/** Read at most this many pages. */
	maxPages?: number;
	/** Stop after the first page for which this is true. */
	stopWhen?: (data: IDataObject[]) => boolean;
	/** Size of the first page (later pages are the largest): a poll that usually finds nothing new reads a small one. */
	firstPageSize?: number;
}

/** What a walk read, and whether it got to the end of what it was asked for. */
export interface Walk {
	data: IDataObject[];
	/** False when `maxPages` or `limit` ended the walk before the list (or `stopWhen`) did. */
	complete: boolean;
	/** Requests made. */
	pages: number;
	/** Where to read on (a `cursor` for the next walk) when the walk is not complete. */
	next?: string;
}

/**
 * The cursor of the page after this one, or undefined at the end. Meta's lists carry
 * `paging.cursors` and only sometimes `paging.next`/`previous`: a full page with a cursor is
 * followed even without them (the price is one empty read at the end of such a list), a short page
 * ends the walk only when nothing says there is more.
 */
function followingCursor(
	page: Page,
	data: IDataObject[],
	wanted: number,
	direction: 'after' | 'before',
): string | undefined {
	const cursor = page.paging?.cursors?.[direction];
	if (!cursor || data.length === 0) return undefined;
	const more = direction === 'after' ? page.paging?.next : page.paging?.previous;
	return more || data.length >= wanted ? cursor : undefined;
}

/**
 * The one walker over Meta's cursor pagination: pages of the largest size when everything is
 * wanted, no request past the limit, and results in Threads' order in both directions.
 */
export async function walkPages(
	read: PageReader,
	options: WalkOptions = {},
): Promise<IDataObject[]> {
	return (await walkList(read, options)).data;
}

/** walkPages, also saying whether the walk reached the end of the list (or its stop) and how many pages it read. */
export async function walkList(read: PageReader, options: WalkOptions = {}): Promise<Walk> {
	const direction = options.direction ?? 'after';
	const limit = options.limit ?? Infinity;
	const pages: IDataObject[][] = [];
	const seen = new Set<string>();
	let total = 0;
	let count = 0;
	let cursor = options.cursor;
	let complete = false;
	for (; count < (options.maxPages ?? Infinity); count++) {
		const pageSize = count === 0 && options.firstPageSize ? options.firstPageSize : MAX_PAGE_SIZE;
		const wanted = Math.min(pageSize, MAX_PAGE_SIZE, limit - total);
		if (wanted <= 0) break;
		const page = await read({ limit: wanted, ...(cursor ? { [direction]: cursor } : {}) });
		const data = Array.isArray(page.data) ? page.data : [];
		// Walking back, each page comes before the ones already read.
		if (direction === 'before') pages.unshift(data);
		else pages.push(data);
		total += data.length;
		if (options.stopWhen?.(data)) {
			complete = true;
			count++;
			break;
		}
		cursor = followingCursor(page, data, wanted, direction);
		if (!cursor || seen.has(cursor)) {
			complete = true;
			count++;
			break;
		}
		seen.add(cursor);
	}
	const all = pages.flat();
	const data =
		all.length <= limit
			? all
			: direction === 'before'
				? all.slice(all.length - limit)
				: all.slice(0, limit);
	return { data, complete, pages: count, next: complete ? undefined : cursor };
}
