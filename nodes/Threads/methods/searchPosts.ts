import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { postItem } from './labels';
import { LIST_PAGE_SIZE, readListPage, textFilter } from './listPage';

export const POST_LIST_FIELDS = 'id,text,timestamp,permalink,media_type';

/**
 * "From list" of a post locator: the connected account's posts, newest first, a page at a time.
 * Threads cannot search an account's own posts by text, so the filter is applied here, to each
 * page read (up to a few pages per answer; scrolling reads on).
 */
export async function searchPosts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await readListPage(
		this,
		{
			path: '/me/threads',
			qs: { fields: POST_LIST_FIELDS },
			scope: 'threads_basic',
			action: "list the connected account's posts",
		},
		{
			paginationToken,
			pageSize: LIST_PAGE_SIZE,
			keep: textFilter(filter, (post) => [post.text]),
		},
	);
	return { results: page.data.map(postItem), paginationToken: page.paginationToken };
}
