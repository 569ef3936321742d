import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Keyword search's Search Mode: match the text, or the topic tag. */
export function searchModeField(show: IDisplayOptions['show']): INodeProperties {
	return {
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
	};
}
