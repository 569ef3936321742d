import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { PostOptions } from '../posts/postSpec';
import { locationLocatorField, postLocatorField } from './common';

/**
 * Version 2 of the node turns three options of the Options collection from plain strings into
 * resource locators. Each option keeps its name; the string shows for version 1 only (workflows
 * saved with it load and run as before), the locator from version 2 on.
 */

type OptionField = Omit<INodeProperties, 'displayOptions'>;

const VERSION_1: IDisplayOptions['show'] = { '@version': [1] };
const FROM_VERSION_2: IDisplayOptions['show'] = { '@version': [{ _cnd: { gte: 2 } }] };

export const LOCATOR_OPTION_FIELDS: Partial<Record<keyof PostOptions, OptionField>> = {
	locationId: locationLocatorField({
		displayName: 'Location',
		name: 'locationId',
		description: 'Tag a place: search it by name, or give its ID (needs threads_location_tagging)',
	}),
	quotePostId: postLocatorField({
		displayName: 'Quote Post',
		name: 'quotePostId',
		description: 'The post to quote: from your posts, by Threads URL or by ID',
	}),
	replyToId: postLocatorField({
		displayName: 'Reply To',
		name: 'replyToId',
		description:
			'Publish as a reply to this post or reply: from your posts, by Threads URL or by ID',
	}),
};

/** An option's field for each node version, each with the version condition to add to its `show`. */
export function versionedOptionFields(
	key: keyof PostOptions,
	field: OptionField,
): Array<{ field: OptionField; show?: IDisplayOptions['show'] }> {
	const locator = LOCATOR_OPTION_FIELDS[key];
	if (!locator) return [{ field }];
	return [
		{ field, show: VERSION_1 },
		{ field: locator, show: FROM_VERSION_2 },
	];
}
