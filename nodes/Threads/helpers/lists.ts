import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	MAX_PAGE_SIZE,
	type ThreadsRequest,
	threadsApiRequest,
	threadsApiRequestAllItems,
} from '../transport';
import {
	DEFAULT_POST_FIELDS,
	DEFAULT_REPLY_FIELDS,
	MEDIA_FIELD_NAMES,
	MEDIA_FIELD_OPTIONS,
	fieldsQuery,
} from './fields';
import { simplifyField } from './properties';
import { simplifyPosts } from './simplify';

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

export interface ListConfig {
	/** What one result is, for descriptions: "post", "reply". */
	noun: string;
	fieldOptions: INodePropertyOptions[];
	fieldNames: readonly string[];
	defaultFields: readonly string[];
	/** Offer Since/Until (every time-ordered list). */
	timeRange?: boolean;
	/** Offer Order (replies and conversations: Meta's `reverse`). */
	order?: boolean;
	/** Options added to the Options collection (sorted in with the others). */
	extraOptions?: INodeProperties[];
}

/** Posts in time order: the connected account's, a profile's, mentions, search results. */
export const POST_LIST: ListConfig = {
	noun: 'post',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_POST_FIELDS,
	timeRange: true,
};

/** The replies under one post, in either order. */
export const REPLIES_UNDER_POST_LIST: ListConfig = {
	noun: 'reply',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_REPLY_FIELDS,
	order: true,
};

/** Return All, Limit, Simplify and an Options collection (Fields, Since, Until, Order, cursors) for a list. */
export function listProperties(
	show: IDisplayOptions['show'],
	config: ListConfig,
): INodeProperties[] {
	const base: INodeProperties[] = [
		{
			displayName: 'After Cursor',
			name: 'after',
			type: 'string',
			default: '',
			description:
				'Start after this paging cursor (paging.cursors.after of an earlier Threads API response). Leave empty to start with the newest.',
		},
		{
			displayName: 'Before Cursor',
			name: 'before',
			type: 'string',
			default: '',
			description:
				'Return the results before this paging cursor (paging.cursors.before of an earlier Threads API response), walking backwards',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: config.fieldOptions,
			default: [...config.defaultFields],
			description: `Which fields of each ${config.noun} to return. The ID is always included.`,
		},
	];
	const options: INodeProperties[] = [
		...base,
		...(config.order
			? [
					{
						displayName: 'Order',
						name: 'order',
						type: 'options',
						options: [
							{
								name: 'Newest First',
								value: 'newest',
								description: 'Reverse chronological order (Threads default)',
							},
							{ name: 'Oldest First', value: 'oldest', description: 'Chronological order' },
						],
						default: 'newest',
						description: `Order of the ${config.noun === 'reply' ? 'replies' : `${config.noun}s`}`,
					} satisfies INodeProperties,
				]
			: []),
		...(config.timeRange
			? [
					{
						displayName: 'Since',
						name: 'since',
						type: 'dateTime',
						default: '',
						description: `Only ${config.noun === 'reply' ? 'replies' : `${config.noun}s`} published at or after this time (not before 2023-07-05)`,
					} satisfies INodeProperties,
					{
						displayName: 'Until',
						name: 'until',
						type: 'dateTime',
						default: '',
						description: `Only ${config.noun === 'reply' ? 'replies' : `${config.noun}s`} published at or before this time`,
					} satisfies INodeProperties,
				]
			: []),
		...(config.extraOptions ?? []),
	].sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
		simplifyField(show),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options,
		},
	];
}

export interface ListRequest {
	/** Query parameters besides fields, limit, since/until, order and cursors. */
	qs?: IDataObject;
	returnAll: boolean;
	limit: number;
	simple: boolean;
	before?: string;
}

/** Reads and validates the list parameters of the item; returns the query and paging choices. */
export function readListParameters(
	context: IExecuteFunctions,
	itemIndex: number,
	config: ListConfig,
): ListRequest {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw new NodeOperationError(
			context.getNode(),
			`Limit must be a whole number of at least 1, got ${String(limit)}`,
			{ itemIndex },
		);
	}
	const simple = context.getNodeParameter('simple', itemIndex, true) as boolean;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		fields: fieldsQuery(
			context,
			options.fields,
			config.fieldNames,
			config.defaultFields,
			itemIndex,
		),
	};
	if (config.timeRange) {
		const { since, until } = timeRange(context, options.since, options.until, itemIndex);
		if (since !== undefined) qs.since = since;
		if (until !== undefined) qs.until = until;
	}
	if (config.order) {
		const order = (options.order as string | undefined) ?? 'newest';
		if (order !== 'newest' && order !== 'oldest') {
			throw new NodeOperationError(
				context.getNode(),
				`Order must be "newest" or "oldest", got "${order}"`,
				{ itemIndex },
			);
		}
		qs.reverse = order === 'newest';
	}
	const after = String(options.after ?? '').trim();
	const before = String(options.before ?? '').trim();
	if (after && before) {
		throw new NodeOperationError(
			context.getNode(),
			'After Cursor and Before Cursor cannot both be set: page forwards or backwards, not both',
			{ itemIndex },
		);
	}
	if (after) qs.after = after;
	return { qs, returnAll, limit, simple, before: before || undefined };
}

interface Page {
	data?: IDataObject[];
	paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
}

/** Walks backwards from a `before` cursor: pages of the largest size, no request past the limit. */
async function walkBackwards(
	context: IExecuteFunctions,
	request: ThreadsRequest,
	before: string,
	returnAll: boolean,
	limit: number,
): Promise<IDataObject[]> {
	const pages: IDataObject[][] = [];
	let total = 0;
	let cursor: string | undefined = before;
	while (cursor) {
		const wanted = returnAll ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - total);
		if (wanted <= 0) break;
		const page = (await threadsApiRequest.call(context, {
			...request,
			qs: { ...request.qs, limit: wanted, before: cursor },
		})) as Page;
		const data = Array.isArray(page.data) ? page.data : [];
		pages.unshift(data);
		total += data.length;
		cursor = page.paging?.cursors?.before;
		if (data.length < wanted) break;
	}
	// Each page comes before the previous one in Threads' order: unshifted, they read in that order.
	const all = pages.flat();
	return returnAll ? all : all.slice(Math.max(0, all.length - limit));
}

/** Fetches a list of posts with the item's paging choices and simplifies it when asked. */
export async function fetchPostList(
	context: IExecuteFunctions,
	request: Omit<ThreadsRequest, 'method'>,
	list: ListRequest,
): Promise<IDataObject[]> {
	const base: ThreadsRequest = {
		...request,
		method: 'GET',
		qs: { ...request.qs, ...list.qs },
	};
	const posts = list.before
		? await walkBackwards(context, base, list.before, list.returnAll, list.limit)
		: await threadsApiRequestAllItems.call(context, base, {
				returnAll: list.returnAll,
				limit: list.limit,
			});
	return simplifyPosts(posts, list.simple);
}
