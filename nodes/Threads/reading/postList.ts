import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { type ThreadsRequest, threadsApiRequestAllItems } from '../transport/request';
import { simplifyPosts } from './simplify';

/** How one item asked for a list: its query (fields, time range, order, cursor) and paging choices. */
export interface ListRequest {
	/** Query parameters besides fields, limit, since/until, order and cursors. */
	qs?: IDataObject;
	returnAll: boolean;
	limit: number;
	simple: boolean;
	before?: string;
}

/** Fetches a list of posts with the item's paging choices and simplifies it when asked. */
export async function fetchPostList(
	context: IExecuteFunctions,
	request: Omit<ThreadsRequest, 'method'>,
	list: ListRequest,
): Promise<IDataObject[]> {
	const posts = await threadsApiRequestAllItems.call(
		context,
		{ ...request, method: 'GET', qs: { ...request.qs, ...list.qs } },
		{ returnAll: list.returnAll, limit: list.limit },
		list.before ? { direction: 'before', cursor: list.before } : {},
	);
	return simplifyPosts(posts, list.simple);
}
