import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterText, parseUsername } from '../../shared/ids';
import { versionedUsernameFields } from '../../descriptions/username';
import { type ListConfig, POST_LIST } from '../../reading/listKinds';
import { listOperation } from '../listOperation';
import { searchModeField } from '../../descriptions/searchFields';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Search Posts',
	description:
		'Search public posts by keyword or topic tag, top or recent, optionally by media type, author and dates',
	action: 'Search posts',
};

export const requiredScopes = ['threads_keyword_search'];

const show = { resource: ['search'], operation: ['searchPosts'] };
const list: ListConfig = {
	...POST_LIST,
	extraOptions: [
		...versionedUsernameFields({
			displayName: 'Author Username',
			name: 'authorUsername',
			description: 'Only posts by this account (username, @username or profile URL)',
		}),
		{
			displayName: 'Media Type',
			name: 'mediaType',
			type: 'options',
			options: [
				{ name: 'Any', value: '' },
				{ name: 'Image', value: 'IMAGE' },
				{ name: 'Text', value: 'TEXT' },
				{ name: 'Video', value: 'VIDEO' },
			],
			default: '',
			description: 'Only posts of this media type',
		},
	],
};

const MAX_TAG_LENGTH = 50;

const properties: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. n8n automation',
		description:
			'What to search for: words in the text (Keyword mode) or a topic tag without spaces (Tag mode, a leading # is dropped)',
		displayOptions: { show },
	},
	{
		displayName: 'Search Type',
		name: 'searchType',
		type: 'options',
		options: [
			{ name: 'Recent', value: 'RECENT', description: 'Newest posts first' },
			{ name: 'Top', value: 'TOP', description: 'Most popular posts first' },
		],
		default: 'TOP',
		description: 'How to rank the results',
		displayOptions: { show },
	},
	searchModeField(show),
];

/** Reads and checks the search parameters into the query string (no request). */
function readSearch(
	context: IExecuteFunctions,
	itemIndex: number,
): { query: string; qs: IDataObject } {
	const searchMode = context.getNodeParameter('searchMode', itemIndex, 'KEYWORD') as string;
	const searchType = context.getNodeParameter('searchType', itemIndex, 'TOP') as string;
	let query = String(context.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (searchMode !== 'KEYWORD' && searchMode !== 'TAG') {
		throw new NodeOperationError(
			context.getNode(),
			`Search Mode must be KEYWORD or TAG, got "${searchMode}"`,
			{
				itemIndex,
			},
		);
	}
	if (searchType !== 'TOP' && searchType !== 'RECENT') {
		throw new NodeOperationError(
			context.getNode(),
			`Search Type must be TOP or RECENT, got "${searchType}"`,
			{
				itemIndex,
			},
		);
	}
	if (searchMode === 'TAG') query = query.replace(/^#/, '');
	if (query === '') {
		throw new NodeOperationError(
			context.getNode(),
			'Query is required: the words or tag to search for',
			{
				itemIndex,
			},
		);
	}
	if (searchMode === 'TAG' && (query.length > MAX_TAG_LENGTH || /[\s.&]/.test(query))) {
		throw new NodeOperationError(
			context.getNode(),
			`Query must be a topic tag in Tag mode: 1-${MAX_TAG_LENGTH} characters without spaces, "." or "&", got "${query.slice(0, 60)}"`,
			{ itemIndex },
		);
	}
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaType = String(options.mediaType ?? '');
	if (mediaType !== '' && !['IMAGE', 'TEXT', 'VIDEO'].includes(mediaType)) {
		throw new NodeOperationError(
			context.getNode(),
			`Media Type must be IMAGE, TEXT or VIDEO, got "${mediaType}"`,
			{ itemIndex },
		);
	}
	const qs: IDataObject = { q: query, search_type: searchType, search_mode: searchMode };
	if (mediaType) qs.media_type = mediaType;
	// A string in version 1, a resource locator from version 2: parameterText reads both.
	if (parameterText(options.authorUsername) !== '') {
		qs.author_username = parseUsername(
			context,
			options.authorUsername,
			'Author Username',
			itemIndex,
		);
	}
	return { query, qs };
}

/** Keyword or topic-tag search over public posts (2,200 queries per 24 hours; empty results are free). */
export const { description, execute, isList } = listOperation({
	show,
	list,
	properties,
	readItem: readSearch,
	source: (_itemIndex, { query, qs }) => ({
		path: '/keyword_search',
		qs,
		scope: requiredScopes[0],
		action: `search posts for "${query}"`,
	}),
});
