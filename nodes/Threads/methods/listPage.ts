import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../transport/pagination';
import { type ThreadsContext, type ThreadsRequest, threadsApiRequest } from '../transport/request';

/** Results one "From list" page asks Threads for. */
export const LIST_PAGE_SIZE = 50;
/** Pages read at most for one answer while a filter finds too few matches. */
export const MAX_FILTER_PAGES = 5;

export interface ListPage {
	data: IDataObject[];
	/** Meta's `after` cursor of the last page read, for the editor's next call; absent at the end. */
	paginationToken?: string;
}

export interface ListPageOptions {
	/** The cursor the editor handed back (the `paginationToken` of the previous answer). */
	paginationToken?: string;
	/** Results per request; undefined sends no `limit` (lists that take none, like location search). */
	pageSize?: number;
	/** A client-side filter: only matching results are returned, and pages are read on until enough match. */
	keep?: (entry: IDataObject) => boolean;
}

/**
 * The cursor after this page, by the rule of transport/pagination: a full page with a cursor is
 * followed even when Meta leaves out `paging.next`.
 */
function cursorAfter(page: Page, count: number, pageSize: number | undefined): string | undefined {
	const cursor = page.paging?.cursors?.after;
	if (!cursor || count === 0) return undefined;
	const full = pageSize !== undefined && count >= pageSize;
	return page.paging?.next || full ? cursor : undefined;
}

/**
 * One answer for a resource locator's list: a page of a Threads list through the one transport,
 * with the cursor to continue from. With a filter, pages are read on (at most MAX_FILTER_PAGES)
 * until a page's worth matches, so a rare match still shows without scrolling through empty pages.
 */
export async function readListPage(
	context: ThreadsContext,
	request: Omit<ThreadsRequest, 'method'>,
	options: ListPageOptions = {},
): Promise<ListPage> {
	const { pageSize, keep } = options;
	const data: IDataObject[] = [];
	let cursor = options.paginationToken || undefined;
	const maxPages = keep ? MAX_FILTER_PAGES : 1;
	for (let read = 0; read < maxPages; read++) {
		const paging: IDataObject = {};
		if (pageSize !== undefined) paging.limit = pageSize;
		if (cursor) paging.after = cursor;
		const page = (await threadsApiRequest.call(context, {
			...request,
			method: 'GET',
			qs: { ...request.qs, ...paging },
		})) as Page;
		const entries = Array.isArray(page.data) ? page.data : [];
		data.push(...(keep ? entries.filter(keep) : entries));
		const next = cursorAfter(page, entries.length, pageSize);
		if (!next || next === cursor) return { data };
		cursor = next;
		if (data.length >= (pageSize ?? 1)) break;
	}
	return { data, paginationToken: cursor };
}

/** Whether any of these texts holds the filter, ignoring case; everything matches an empty filter. */
export function textFilter(
	filter: string | undefined,
	texts: (entry: IDataObject) => unknown[],
): ((entry: IDataObject) => boolean) | undefined {
	const needle = (filter ?? '').trim().toLowerCase();
	if (needle === '') return undefined;
	return (entry) =>
		texts(entry).some((text) =>
			String(text ?? '')
				.toLowerCase()
				.includes(needle),
		);
}
