import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	DEFAULT_POST_FIELDS,
	DEFAULT_REPLY_FIELDS,
	MEDIA_FIELD_NAMES,
	MEDIA_FIELD_OPTIONS,
} from './fields';

/** What sets one kind of list apart: its fields, their defaults, and the options Meta offers on it. */
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
