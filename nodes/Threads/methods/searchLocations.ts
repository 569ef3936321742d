import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { locationItem } from './labels';
import { readListPage } from './listPage';

/**
 * "From list" of a location locator: places whose name or address holds the filter, through
 * Threads' location search (threads_location_tagging). Without a filter there is nothing to search.
 */
export async function searchLocations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query = (filter ?? '').trim();
	if (query === '') return { results: [] };
	const page = await readListPage(
		this,
		{
			path: '/location_search',
			// Meta's pages disagree on the name (`q` in the guide, `query` in the reference): send both.
			qs: { q: query, query, fields: 'id,name,address,city' },
			scope: 'threads_location_tagging',
			action: 'search locations',
		},
		{ paginationToken },
	);
	return { results: page.data.map(locationItem), paginationToken: page.paginationToken };
}
