import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_POST_FIELDS, MEDIA_FIELD_NAMES, MEDIA_FIELD_OPTIONS } from '../../helpers/fields';
import { parseUsername } from '../../helpers/ids';
import {
	type ListConfig,
	fetchPostList,
	listProperties,
	readListParameters,
} from '../../helpers/lists';

export const requiredScopes = ['threads_keyword_search'];

const show = { resource: ['discovery'], operation: ['searchPosts'] };
const list: ListConfig = {
	noun: 'post',
	fieldOptions: MEDIA_FIELD_OPTIONS,
	fieldNames: MEDIA_FIELD_NAMES,
	defaultFields: DEFAULT_POST_FIELDS,
	timeRange: true,
	extraOptions: [
		{
			displayName: 'Author Username',
			name: 'authorUsername',
			type: 'string',
			default: '',
			placeholder: 'e.g. zuck',
			description: 'Only posts by this account (username, @username or profile URL)',
		},
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

export const description: INodeProperties[] = [
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
	{
		displayName: 'Search Mode',
		name: 'searchMode',
		type: 'options',
		options: [
			{ name: 'Keyword', value: 'KEYWORD', description: 'Posts whose text contains the query' },
			{ name: 'Tag', value: 'TAG', description: 'Posts with the query as their topic tag' },
		],
		default: 'KEYWORD',
		description: 'Whether to match the text or the topic tag',
		displayOptions: { show },
	},
	...listProperties(show, list),
];

/** Keyword or topic-tag search over public posts (2,200 queries per 24 hours; empty results are free). */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const searchMode = this.getNodeParameter('searchMode', itemIndex, 'KEYWORD') as string;
	const searchType = this.getNodeParameter('searchType', itemIndex, 'TOP') as string;
	let query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (searchMode !== 'KEYWORD' && searchMode !== 'TAG') {
		throw new NodeOperationError(
			this.getNode(),
			`Search Mode must be KEYWORD or TAG, got "${searchMode}"`,
			{
				itemIndex,
			},
		);
	}
	if (searchType !== 'TOP' && searchType !== 'RECENT') {
		throw new NodeOperationError(
			this.getNode(),
			`Search Type must be TOP or RECENT, got "${searchType}"`,
			{
				itemIndex,
			},
		);
	}
	if (searchMode === 'TAG') query = query.replace(/^#/, '');
	if (query === '') {
		throw new NodeOperationError(
			this.getNode(),
			'Query is required: the words or tag to search for',
			{
				itemIndex,
			},
		);
	}
	if (searchMode === 'TAG' && (query.length > MAX_TAG_LENGTH || /[\s.&]/.test(query))) {
		throw new NodeOperationError(
			this.getNode(),
			`Query must be a topic tag in Tag mode: 1-${MAX_TAG_LENGTH} characters without spaces, "." or "&", got "${query.slice(0, 60)}"`,
			{ itemIndex },
		);
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const mediaType = String(options.mediaType ?? '');
	if (mediaType !== '' && !['IMAGE', 'TEXT', 'VIDEO'].includes(mediaType)) {
		throw new NodeOperationError(
			this.getNode(),
			`Media Type must be IMAGE, TEXT or VIDEO, got "${mediaType}"`,
			{ itemIndex },
		);
	}
	const qs: IDataObject = { q: query, search_type: searchType, search_mode: searchMode };
	if (mediaType) qs.media_type = mediaType;
	if (String(options.authorUsername ?? '').trim() !== '') {
		qs.author_username = parseUsername(this, options.authorUsername, 'Author Username', itemIndex);
	}
	const parameters = readListParameters(this, itemIndex, list);
	return await fetchPostList(
		this,
		{
			path: '/keyword_search',
			qs,
			scope: requiredScopes[0],
			action: `search posts for "${query}"`,
			itemIndex,
		},
		parameters,
	);
}
