import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { OPTION_RULES } from '../posts/optionRules';
import type { PostOptions } from '../posts/postSpec';
import { postOptionsCollection } from './postOptions';
import { WAIT_FIELDS } from './waitFields';

/** The fields of Post > Publish Thread: where the parts come from, numbering, root and reply options. */

type Show = NonNullable<IDisplayOptions['show']>;

const PART_MEDIA_TYPES = [
	{
		name: 'From URL',
		value: 'auto',
		description: 'Text only without a URL; video for .mp4, .mov, .m4v; image otherwise',
	},
	{ name: 'Image', value: 'IMAGE' },
	{ name: 'Text Only', value: 'TEXT' },
	{ name: 'Video', value: 'VIDEO' },
];

const MEDIA_URL_HELP =
	'Optional: a public http(s) URL Threads downloads the image or video of this part from';

/** Only these container options make sense on every reply of a thread. */
const REPLY_OPTION_KEYS: Array<keyof PostOptions> = ['autoPublishText', 'spoilerMedia'];

function sourceField(show: Show): INodeProperties {
	return {
		displayName: 'Parts From',
		name: 'threadSource',
		type: 'options',
		options: [
			{
				name: 'All Input Items',
				value: 'inputItems',
				description: 'One thread from all the input items, one part per item, in order',
			},
			{
				name: 'Defined Below',
				value: 'list',
				description: 'One thread per input item, with its parts listed here',
			},
			{
				name: 'Text Split Automatically',
				value: 'text',
				description: 'One thread per input item, its text cut into parts',
			},
		],
		default: 'text',
		description: 'Where the parts of the thread come from',
		displayOptions: { show },
	};
}

function partsField(show: Show): INodeProperties {
	return {
		displayName: 'Parts',
		name: 'parts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Part',
		description:
			'The parts in order: the first is the root post, each next one replies to the one before',
		displayOptions: { show: { ...show, threadSource: ['list'] } },
		options: [
			{
				displayName: 'Part',
				name: 'part',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						description: 'At most 500 characters (emoji count by their UTF-8 length) and 5 links',
					},
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'options',
						options: PART_MEDIA_TYPES,
						default: 'auto',
					},
					{
						displayName: 'Media URL',
						name: 'mediaUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/photo.jpg',
						description: MEDIA_URL_HELP,
					},
					{
						displayName: 'Alt Text',
						name: 'altText',
						type: 'string',
						default: '',
						description: 'Describes the media for screen readers (at most 1000 characters)',
					},
				],
			},
		],
	};
}

function itemFields(show: Show): INodeProperties[] {
	const fromItems = { show: { ...show, threadSource: ['inputItems'] } };
	return [
		{
			displayName:
				'All input items make one thread, one part per item in order; the numbering and the options are read from the first item',
			name: 'threadFromItemsNotice',
			type: 'notice',
			default: '',
			displayOptions: fromItems,
		},
		{
			displayName: 'Part Text',
			name: 'partText',
			type: 'string',
			default: '={{ $json.text }}',
			description:
				"Read from each input item: that part's text (at most 500 characters and 5 links)",
			displayOptions: fromItems,
		},
		{
			displayName: 'Part Media Type',
			name: 'partMediaType',
			type: 'options',
			options: PART_MEDIA_TYPES,
			default: 'auto',
			description: "Whether each input item's part holds an image or a video",
			displayOptions: fromItems,
		},
		{
			displayName: 'Part Media URL',
			name: 'partMediaUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.imageUrl }}',
			description: `Read from each input item. ${MEDIA_URL_HELP}.`,
			displayOptions: fromItems,
		},
		{
			displayName: 'Part Alt Text',
			name: 'partAltText',
			type: 'string',
			default: '',
			description: "Read from each input item: the media's alt text (optional)",
			displayOptions: fromItems,
		},
	];
}

function numberingField(show: Show): INodeProperties {
	return {
		displayName: 'Numbering',
		name: 'numbering',
		type: 'options',
		options: [
			{
				name: '1/N After Each Part',
				value: 'slash',
				description:
					'Each part ends with its number on a line of its own, such as 2/4 for part 2 of 4',
			},
			{ name: 'None', value: 'none' },
		],
		default: 'none',
		description:
			'Whether each part ends with its number in the thread; a split text keeps room for it. Numbered parts never repeat, which continuing a thread relies on.',
		displayOptions: { show },
	};
}

const CONTINUE_AFTER: INodeProperties = {
	displayName: 'Continue Chain After Post ID',
	name: 'continueAfterPostId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 17890000000000003',
	description:
		"To finish a thread that stopped part-way: the ID of its last published part (the failed run's continueAfterPostId), with the same input as that run. The node reads that post and the posts it replies to, finds which part it is by kind and text, finds any later parts already among its own replies (needs threads_read_replies), and publishes only the rest.",
};

const THREAD_QUOTA: INodeProperties = {
	...WAIT_FIELDS.checkQuota,
	description:
		'Whether to read the 24-hour publishing quota before the first part and refuse the thread, before anything is sent, when the posts and replies left cannot hold all of it',
};

/** Options of the root post (those of Publish), the waits that apply to every part, the quota check and resuming. */
function rootOptions(show: Show): INodeProperties {
	const collection = postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'],
		exclude: ['ghostPost', 'altText'],
		waitOptions: ['maxWait', 'includePermalink'],
	});
	const fields = [...(collection.options as INodeProperties[]), CONTINUE_AFTER, THREAD_QUOTA];
	fields.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return {
		...collection,
		description:
			"The root post's options (as in Publish), the waits that apply to every part, and continuing a thread",
		options: fields,
	};
}

function replyOptions(show: Show): INodeProperties {
	const exclude = (Object.keys(OPTION_RULES) as Array<keyof PostOptions>).filter(
		(key) => !REPLY_OPTION_KEYS.includes(key),
	);
	return {
		...postOptionsCollection({ show, mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'], exclude }),
		displayName: 'Reply Options',
		name: 'replyOptions',
		placeholder: 'Add Reply Option',
		description:
			'Options of every part after the root, each on the parts it fits: Auto-Publish Text on text parts, Spoiler Media on images and videos',
	};
}

export function threadFields(show: Show): INodeProperties[] {
	return [
		sourceField(show),
		{
			displayName: 'Text',
			name: 'threadText',
			type: 'string',
			typeOptions: { rows: 8 },
			default: '',
			description:
				'The whole thread: cut at paragraphs, then sentences, then words into parts of at most 500 characters and 5 links, never inside a link, mention or hashtag',
			displayOptions: { show: { ...show, threadSource: ['text'] } },
		},
		partsField(show),
		...itemFields(show),
		numberingField(show),
		rootOptions(show),
		replyOptions(show),
	];
}
