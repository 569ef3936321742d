import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Every field of a Threads media object the API documents, with what it holds (shown to users and AI agents). */
const MEDIA_FIELD_DESCRIPTIONS: Record<string, string> = {
	alt_text: 'Alternative text of an image or video',
	children: 'Items of a carousel (ID, type, media URL, thumbnail, alt text)',
	gif_url: 'URL of an attached GIF',
	has_replies: 'Whether the post has replies',
	hide_status:
		'For replies: NOT_HUSHED, UNHUSHED, HIDDEN, COVERED, BLOCKED or RESTRICTED (hidden by the author of the root post or not)',
	id: 'The media ID, used by every other operation',
	is_quote_post: 'Whether the post quotes another post',
	is_reply: 'Whether the post is a reply',
	is_reply_owned_by_me: 'For replies: whether the connected account wrote it',
	is_spoiler_media: 'Whether the media is marked as a spoiler',
	link_attachment_url: 'URL of the link preview attached to a text post',
	location: 'Tagged location (name, address, city, country, coordinates)',
	location_id: 'ID of the tagged location',
	media_product_type: 'Always THREADS',
	media_type: 'TEXT_POST, IMAGE, VIDEO, CAROUSEL_ALBUM, AUDIO or REPOST_FACADE',
	media_url: 'URL of the image or video',
	owner: 'ID of the account that posted it',
	permalink: 'Public URL of the post',
	poll_attachment: 'Poll options, vote percentages, total votes and end time',
	quoted_post: 'ID of the quoted post',
	replied_to: 'For replies: ID of the post or reply this answers',
	reply_audience: 'Who may reply',
	reposted_post: 'For reposts: ID of the reposted post',
	root_post: 'For replies: ID of the top-level post of the conversation',
	shortcode: 'Shortcode of the post (the last part of its URL)',
	text: 'Text of the post',
	text_attachment: 'Long-form text attachment',
	text_entities: 'Spoiler ranges in the text',
	thumbnail_url: 'Thumbnail of a video',
	timestamp: 'When it was published (ISO 8601)',
	topic_tag: 'Topic tag of the post',
	username: 'Username of the author',
};

/** Sub-field lists for fields Meta returns as objects. */
const NESTED: Record<string, string> = {
	children: 'children{id,media_type,media_url,thumbnail_url,alt_text}',
	location: 'location{id,name,address,city,country,latitude,longitude,postal_code}',
	poll_attachment:
		'poll_attachment{option_a,option_b,option_c,option_d,option_a_votes_percentage,option_b_votes_percentage,option_c_votes_percentage,option_d_votes_percentage,total_votes,expiration_timestamp}',
};

const UPPER = new Set(['id', 'url', 'gif']);

/** `media_url` -> `Media URL`: option names in Title Case as n8n shows them. */
export function fieldDisplayName(field: string): string {
	return field
		.split('_')
		.map((word) =>
			UPPER.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1),
		)
		.join(' ');
}

function toOptions(descriptions: Record<string, string>): INodePropertyOptions[] {
	return Object.keys(descriptions)
		.map((value) => ({ name: fieldDisplayName(value), value, description: descriptions[value] }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export const MEDIA_FIELD_OPTIONS = toOptions(MEDIA_FIELD_DESCRIPTIONS);

/** What a post list returns unless the user picks fields. */
export const DEFAULT_POST_FIELDS = [
	'id',
	'media_type',
	'media_url',
	'permalink',
	'shortcode',
	'text',
	'timestamp',
	'topic_tag',
	'username',
];

/** What a reply list returns unless the user picks fields: the post fields plus where the reply sits. */
export const DEFAULT_REPLY_FIELDS = [
	'has_replies',
	'hide_status',
	'id',
	'media_type',
	'permalink',
	'replied_to',
	'root_post',
	'text',
	'timestamp',
	'username',
];

/** A single post: the list fields plus the details worth having when asking for one post. */
export const DEFAULT_SINGLE_POST_FIELDS = [
	...DEFAULT_POST_FIELDS,
	'children',
	'has_replies',
	'is_quote_post',
	'is_reply',
	'owner',
	'thumbnail_url',
].sort();

export const GHOST_POST_FIELDS: Record<string, string> = {
	...MEDIA_FIELD_DESCRIPTIONS,
	ghost_post_expiration_timestamp: 'When the ghost post stops being visible',
	ghost_post_status: 'Active (visible, within 24 hours) or archived',
};
export const GHOST_POST_FIELD_OPTIONS = toOptions(GHOST_POST_FIELDS);
export const DEFAULT_GHOST_POST_FIELDS = [
	...DEFAULT_POST_FIELDS,
	'ghost_post_expiration_timestamp',
	'ghost_post_status',
].sort();

export const PROFILE_FIELD_DESCRIPTIONS: Record<string, string> = {
	id: 'The Threads user ID',
	is_eligible_for_geo_gating: 'Whether the account may limit posts to some countries',
	is_verified: 'Whether the account is verified',
	name: 'Display name',
	threads_biography: 'Profile biography',
	threads_profile_picture_url: 'URL of the profile picture',
	username: 'Username',
};
export const PROFILE_FIELD_OPTIONS = toOptions(PROFILE_FIELD_DESCRIPTIONS);
export const DEFAULT_PROFILE_FIELDS = Object.keys(PROFILE_FIELD_DESCRIPTIONS).sort();

export const PUBLIC_PROFILE_FIELD_DESCRIPTIONS: Record<string, string> = {
	biography: 'Profile biography',
	follower_count: 'Number of followers',
	is_verified: 'Whether the account is verified',
	likes_count: 'Likes on the posts of the last 7 days',
	name: 'Display name',
	profile_picture_url: 'URL of the profile picture',
	quotes_count: 'Quotes of the posts of the last 7 days',
	replies_count: 'Replies to the posts of the last 7 days',
	reposts_count: 'Reposts of the posts of the last 7 days',
	username: 'Username',
	views_count: 'Views of the posts of the last 7 days',
};
export const PUBLIC_PROFILE_FIELD_OPTIONS = toOptions(PUBLIC_PROFILE_FIELD_DESCRIPTIONS);
export const DEFAULT_PUBLIC_PROFILE_FIELDS = Object.keys(PUBLIC_PROFILE_FIELD_DESCRIPTIONS).sort();

export const LOCATION_FIELD_DESCRIPTIONS: Record<string, string> = {
	address: 'Street address',
	city: 'City',
	country: 'Country code',
	id: 'Location ID, used when tagging a post',
	latitude: 'Latitude',
	longitude: 'Longitude',
	name: 'Name of the place',
	postal_code: 'Postal code',
};
export const LOCATION_FIELD_OPTIONS = toOptions(LOCATION_FIELD_DESCRIPTIONS);
export const DEFAULT_LOCATION_FIELDS = Object.keys(LOCATION_FIELD_DESCRIPTIONS).sort();

/**
 * The `fields` query value for the chosen fields: validated against the allowed set, `id` always
 * included (every other operation needs it), nested fields expanded to their sub-fields.
 */
export function fieldsQuery(
	context: Pick<IExecuteFunctions, 'getNode'>,
	chosen: unknown,
	allowed: readonly string[],
	defaults: readonly string[],
	itemIndex: number,
	fieldLabel = 'Fields',
	alwaysInclude: readonly string[] = ['id'],
): string {
	let list: string[];
	if (chosen === undefined || chosen === null || chosen === '') {
		list = [...defaults];
	} else if (Array.isArray(chosen)) {
		list = chosen.map((entry) => String(entry).trim()).filter(Boolean);
	} else if (typeof chosen === 'string') {
		list = chosen
			.split(',')
			.map((entry) => entry.trim())
			.filter(Boolean);
	} else {
		throw new NodeOperationError(context.getNode(), `${fieldLabel} must be a list of field names`, {
			itemIndex,
		});
	}
	if (list.length === 0) list = [...defaults];
	const unknown = list.filter((name) => !allowed.includes(name));
	if (unknown.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			`${fieldLabel} contains unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}`,
			{ itemIndex, description: `Allowed fields: ${allowed.join(', ')}` },
		);
	}
	const all = Array.from(new Set([...alwaysInclude, ...list]));
	return all.map((name) => NESTED[name] ?? name).join(',');
}

export const MEDIA_FIELD_NAMES = Object.keys(MEDIA_FIELD_DESCRIPTIONS);
export const GHOST_POST_FIELD_NAMES = Object.keys(GHOST_POST_FIELDS);
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELD_DESCRIPTIONS);
export const PUBLIC_PROFILE_FIELD_NAMES = Object.keys(PUBLIC_PROFILE_FIELD_DESCRIPTIONS);
export const LOCATION_FIELD_NAMES = Object.keys(LOCATION_FIELD_DESCRIPTIONS);
