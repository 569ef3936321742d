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
	const direction = options.direction ?? 'after';
	const limit = options.limit ?? Infinity;
	const pages: IDataObject[][] = [];
	const seen = new Set<string>();
	let total = 0;
	let cursor = options.cursor;
	for (let count = 0; count < (options.maxPages ?? Infinity); count++) {
		const wanted = Math.min(MAX_PAGE_SIZE, limit - total);
		if (wanted <= 0) break;
		const page = await read({ limit: wanted, ...(cursor ? { [direction]: cursor } : {}) });
		const data = Array.isArray(page.data) ? page.data : [];
		// Walking back, each page comes before the ones already read.
		if (direction === 'before') pages.unshift(data);
		else pages.push(data);
		total += data.length;
		if (options.stopWhen?.(data)) break;
		cursor = followingCursor(page, data, wanted, direction);
		if (!cursor || seen.has(cursor)) break;
		seen.add(cursor);
	}
	const all = pages.flat();
	if (all.length <= limit) return all;
	return direction === 'before' ? all.slice(all.length - limit) : all.slice(0, limit);
}
