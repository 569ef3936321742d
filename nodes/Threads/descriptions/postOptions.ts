import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { OPTION_RULES } from '../posts/optionRules';
import type { PostMediaType, PostOptions } from '../posts/postSpec';
import { versionedOptionFields } from './postOptionLocators';
import { type TextOptionsConfig, textOptionFields } from './textOptions';
import { WAIT_FIELDS, type WaitOptionKey } from './waitFields';

/** The node fields for every container option; each shows only for the media types Meta allows. */

type OptionKey = keyof PostOptions;

const OPTION_FIELDS: Record<OptionKey, Omit<INodeProperties, 'displayOptions'>> = {
	allowlistedCountries: {
		displayName: 'Allowlisted Countries',
		name: 'allowlistedCountries',
		type: 'string',
		default: '',
		placeholder: 'e.g. US, CA, GB',
		description:
			'Show the post only in these countries: comma-separated ISO 3166-1 alpha-2 codes. The account must be eligible for geo-gating.',
	},
	altText: {
		displayName: 'Alt Text',
		name: 'altText',
		type: 'string',
		default: '',
		description: 'Describes the image or video for screen readers (at most 1000 characters)',
	},
	autoPublishText: {
		displayName: 'Auto-Publish Text',
		name: 'autoPublishText',
		type: 'boolean',
		default: false,
		description:
			'Whether Threads publishes the text post as soon as it is created, in one request instead of two',
	},
	ghostPost: {
		displayName: 'Ghost Post',
		name: 'ghostPost',
		type: 'boolean',
		default: false,
		description: 'Whether the post disappears after 24 hours (cannot be a reply)',
	},
	gifId: {
		displayName: 'GIF ID',
		name: 'gifId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3o7TKSjRrfIPjeiVyM',
		description: 'The GIPHY ID of a GIF to attach to the text post',
	},
	linkAttachment: {
		displayName: 'Link Attachment',
		name: 'linkAttachment',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/article',
		description:
			'A link shown as a preview card under the text post. Counts toward the 5 links a post may hold.',
	},
	locationId: {
		displayName: 'Location ID',
		name: 'locationId',
		type: 'string',
		default: '',
		description:
			'Tag a place, by the ID a location search returns (needs threads_location_tagging)',
	},
	pollOptions: {
		displayName: 'Poll',
		name: 'poll',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Poll',
		description: 'A poll of 2 to 4 options, each 1 to 25 characters',
		options: [
			{
				displayName: 'Choices',
				name: 'choices',
				values: [
					{ displayName: 'Option A', name: 'optionA', type: 'string', default: '' },
					{ displayName: 'Option B', name: 'optionB', type: 'string', default: '' },
					{ displayName: 'Option C', name: 'optionC', type: 'string', default: '' },
					{ displayName: 'Option D', name: 'optionD', type: 'string', default: '' },
				],
			},
		],
	},
	quotePostId: {
		displayName: 'Quote Post ID',
		name: 'quotePostId',
		type: 'string',
		default: '',
		description: 'The ID of a post to quote',
	},
	replyApprovals: {
		displayName: 'Reply Approvals',
		name: 'replyApprovals',
		type: 'boolean',
		default: false,
		description: 'Whether replies wait for your approval before others can see them',
	},
	replyControl: {
		displayName: 'Reply Control',
		name: 'replyControl',
		type: 'options',
		default: 'everyone',
		description: 'Who may reply to the post',
		options: [
			{ name: 'Accounts You Follow', value: 'accounts_you_follow' },
			{ name: 'Everyone', value: 'everyone' },
			{ name: 'Followers Only', value: 'followers_only' },
			{ name: 'Mentioned Only', value: 'mentioned_only' },
			{ name: 'Parent Post Author Only', value: 'parent_post_author_only' },
		],
	},
	replyToId: {
		displayName: 'Reply To ID',
		name: 'replyToId',
		type: 'string',
		default: '',
		description: 'Publish as a reply to this post or reply ID',
	},
	shareToInstagram: {
		displayName: 'Share to Instagram',
		name: 'shareToInstagram',
		type: 'boolean',
		default: false,
		description:
			'Whether to also share the post to the linked Instagram account (needs threads_share_to_instagram)',
	},
	spoilerMedia: {
		displayName: 'Spoiler Media',
		name: 'spoilerMedia',
		type: 'boolean',
		default: false,
		description: 'Whether the image or video is blurred as a spoiler until tapped',
	},
	textAttachment: {
		displayName: 'Text Attachment',
		name: 'textAttachment',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Text Attachment',
		description: 'A long text (up to 10,000 characters) attached to the post',
		options: [
			{
				displayName: 'Attachment',
				name: 'attachment',
				values: [
					{
						displayName: 'Plain Text',
						name: 'plaintext',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
					},
					{
						displayName: 'Link URL',
						name: 'linkUrl',
						type: 'string',
						default: '',
						description: 'A link attached to the text attachment',
					},
					{
						displayName: 'Styling (JSON)',
						name: 'styling',
						type: 'json',
						default: '',
						description:
							"Optional: Meta's text_with_styling_info, a JSON array of {offset, length, styling_info}",
					},
				],
			},
		],
	},
	textSpoilers: {
		displayName: 'Text Spoilers',
		name: 'textSpoilers',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Spoiler Range',
		typeOptions: { multipleValues: true },
		description: 'Parts of the text hidden as spoilers (at most 10 ranges)',
		options: [
			{
				displayName: 'Range',
				name: 'range',
				values: [
					{
						displayName: 'Offset',
						name: 'offset',
						type: 'number',
						default: 0,
						description: 'Where the spoiler starts, in characters from the start of the text',
					},
					{
						displayName: 'Length',
						name: 'length',
						type: 'number',
						default: 1,
						description: 'How many characters the spoiler covers',
					},
				],
			},
		],
	},
	topicTag: {
		displayName: 'Topic Tag',
		name: 'topicTag',
		type: 'string',
		default: '',
		description: 'One topic for the post: 1 to 50 characters, without "." or "&"',
	},
};

export interface OptionsCollectionConfig {
	/** Where the collection shows (resource and operation). */
	show: IDisplayOptions['show'];
	/** Media types the operation offers; options show only for those Meta allows them on. */
	mediaTypes: PostMediaType[];
	/** Name of the sibling parameter holding the media type; absent when there is only one type. */
	mediaTypeParameter?: string;
	/** Name of the sibling Carousel Item toggle, if the operation has one. */
	carouselItemParameter?: string;
	/** Options the operation shows elsewhere (e.g. Reply To ID as a main field). */
	exclude?: OptionKey[];
	/** Waiting and output settings to add to the collection. */
	waitOptions?: WaitOptionKey[];
	/** The text options (Clean HTML, More Than 5 Links, When Text Is Too Long), if the operation has them. */
	textOptions?: TextOptionsConfig;
	/** Options of the operation's own (e.g. Skip If Already Posted Within). */
	extraFields?: INodeProperties[];
}

function optionDisplay(
	key: OptionKey,
	config: OptionsCollectionConfig,
): IDisplayOptions | undefined {
	const rule = OPTION_RULES[key];
	const kinds = config.mediaTypes.filter((kind) => rule.allowed.includes(kind));
	const display: IDisplayOptions = {};
	if (config.mediaTypeParameter && kinds.length < config.mediaTypes.length) {
		display.show = { [`/${config.mediaTypeParameter}`]: kinds };
	}
	if (config.carouselItemParameter && !rule.onCarouselItem) {
		display.hide = { [`/${config.carouselItemParameter}`]: [true] };
	}
	return display.show || display.hide ? display : undefined;
}

/** The "Options" collection of a publishing operation. */
export function postOptionsCollection(config: OptionsCollectionConfig): INodeProperties {
	const fields: INodeProperties[] = [];
	for (const key of Object.keys(OPTION_FIELDS) as OptionKey[]) {
		if (config.exclude?.includes(key)) continue;
		const allowed = OPTION_RULES[key].allowed;
		if (!config.mediaTypes.some((kind) => allowed.includes(kind))) continue;
		const display = optionDisplay(key, config);
		for (const { field, show } of versionedOptionFields(key, OPTION_FIELDS[key])) {
			const displayOptions: IDisplayOptions | undefined = show
				? { ...display, show: { ...display?.show, ...show } }
				: display;
			fields.push(displayOptions ? { ...field, displayOptions } : field);
		}
	}
	for (const key of config.waitOptions ?? []) {
		const onlyCarousels =
			key === 'concurrency' && config.mediaTypeParameter && config.mediaTypes.length > 1;
		fields.push(
			onlyCarousels
				? {
						...WAIT_FIELDS[key],
						displayOptions: { show: { [`/${config.mediaTypeParameter}`]: ['CAROUSEL'] } },
					}
				: WAIT_FIELDS[key],
		);
	}
	if (config.textOptions) fields.push(...textOptionFields(config.textOptions));
	fields.push(...(config.extraFields ?? []));
	fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: config.show },
		options: fields,
	};
}
