import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

const POST_URL_REGEX =
	'^https?://(?:www\\.)?threads\\.(?:net|com)/(?:@[A-Za-z0-9._]{1,30}/post|t)/[A-Za-z0-9_-]+/?(?:[?#].*)?$';

/**
 * A post picked by ID or by its Threads URL. Either mode accepts either form at run time: an AI agent
 * or an expression may hand over a URL where an ID is expected.
 */
export function postLocator(options: {
	displayName: string;
	name: string;
	description: string;
	show: IDisplayOptions['show'];
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: options.description,
		displayOptions: { show: options.show },
		modes: [
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 18050206876707110',
				hint: 'The numeric media ID, as returned by Publish, Get Many or Search',
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
		],
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

/** The Username of a public profile (read with readUsernameParameter). */
export function usernameField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Username',
		name: 'username',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. zuck',
		description:
			'Username of a public Threads profile with at least 100 followers: the name, @name, or the profile URL',
		displayOptions: { show },
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
