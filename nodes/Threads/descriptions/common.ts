import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

const POST_URL_REGEX =
	'^https?://(?:www\\.)?threads\\.(?:net|com)/(?:@[A-Za-z0-9._]{1,30}/post|t)/[A-Za-z0-9_-]+/?(?:[?#].*)?$';

/** The list a "From list" mode reads (the node's methods.listSearch). */
export type PostListMethod = 'searchPosts' | 'searchReplies';

interface LocatorOptions {
	displayName: string;
	name: string;
	description: string;
}

/** A post locator's field: from a list, by URL, by ID (no display conditions: see postLocator). */
export function postLocatorField(
	options: LocatorOptions & { listMethod?: PostListMethod },
): INodeProperties {
	const listMethod = options.listMethod ?? 'searchPosts';
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: listMethod === 'searchReplies' ? 'Select a reply...' : 'Select a post...',
				typeOptions: { searchListMethod: listMethod, searchable: true },
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://www.threads.net/@username/post/C8H5FiCvj4t',
				hint: "The post's URL; the node looks up its ID (the shortcode is not the ID)",
				validation: [
					{
						type: 'regex',
						properties: {
							regex: POST_URL_REGEX,
							errorMessage: 'Not a Threads post URL (https://www.threads.net/@username/post/...)',
						},
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 18050206876707110',
				hint: 'The numeric media ID, as returned by Publish, Get Many or Search',
			},
		],
	};
}

/**
 * A post picked from a list, by its Threads URL or by ID. Every mode accepts either form at run
 * time: an AI agent or an expression may hand over a URL where an ID is expected.
 */
export function postLocator(
	options: LocatorOptions & {
		show: IDisplayOptions['show'];
		listMethod?: PostListMethod;
		required?: boolean;
	},
): INodeProperties {
	return {
		...postLocatorField(options),
		required: options.required ?? true,
		displayOptions: { show: options.show },
	};
}

/** A location locator's field: from a location search, or by ID (no display conditions). */
export function locationLocatorField(options: LocatorOptions): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Search for a place by name...',
				typeOptions: {
					searchListMethod: 'searchLocations',
					searchable: true,
					searchFilterRequired: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 107000000000001',
				hint: 'The location ID, from Location > Search or the location_id field of a post',
			},
		],
	};
}

/** A place picked from a location search or by ID. */
export function locationLocator(
	options: LocatorOptions & { show: IDisplayOptions['show'] },
): INodeProperties {
	return {
		...locationLocatorField(options),
		required: true,
		displayOptions: { show: options.show },
	};
}

/** A numeric ID field (replies, locations). */
export function idField(options: {
	displayName: string;
	name: string;
	description: string;
	placeholder?: string;
	show: IDisplayOptions['show'];
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'string',
		default: '',
		required: true,
		placeholder: options.placeholder ?? 'e.g. 18050206876707110',
		description: options.description,
		displayOptions: { show: options.show },
	};
}

/** Simplify: whether to return the node's flat version of Threads' answer. */
export function simplifyField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		displayOptions: { show },
	};
}
