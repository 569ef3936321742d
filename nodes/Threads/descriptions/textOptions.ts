import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The text options of a publishing operation's Options collection, for text that comes from feeds
 * and AI nodes: clean HTML, limit the links, and fit a text that is too long. Their defaults change
 * nothing, so they show in every version of the node.
 */

const FAIL: INodePropertyOptions = {
	name: 'Fail',
	value: 'fail',
	description: 'Refuse the item before any request, with the length and the limit',
};
const SHORTEN: INodePropertyOptions = {
	name: 'Shorten',
	value: 'shorten',
	description:
		'Cut the text at a word break with an ellipsis; a link the text ends with is kept, unless the Link Attachment carries it',
};
const SPLIT: INodePropertyOptions = {
	name: 'Split Into a Thread',
	value: 'split',
	description: 'Publish a root post with the start and replies with the rest, in order',
};

export interface TextOptionsConfig {
	/** Whether the operation can publish the parts of a split text as a thread. */
	split: boolean;
	/** When Text Is Too Long's description, where it applies to something else than the Text. */
	tooLongDescription?: string;
}

const onSplit = { show: { whenTooLong: ['split'] } };

/** The options a split text adds: the parts' numbering and continuing a thread that stopped. */
const SPLIT_FIELDS: INodeProperties[] = [
	{
		displayName: 'Thread Numbering',
		name: 'threadNumbering',
		type: 'options',
		default: 'none',
		description: 'Whether each part of a split text ends with its number in the thread',
		displayOptions: onSplit,
		options: [
			{
				name: '1/N After Each Part',
				value: 'slash',
				description: 'Each part ends with its number on a line of its own, such as 2/4',
			},
			{ name: 'None', value: 'none' },
		],
	},
	{
		displayName: 'Continue Chain After Post ID',
		name: 'continueAfterPostId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 17890000000000003',
		description:
			"To finish a split text whose thread stopped part-way: the ID of its last published part (the failed run's continueAfterPostId), with the same input as that run; only the parts not yet published are sent",
		displayOptions: onSplit,
	},
];

export function textOptionFields({
	split,
	tooLongDescription,
}: TextOptionsConfig): INodeProperties[] {
	return [
		...(split ? SPLIT_FIELDS : []),
		{
			displayName: 'Clean HTML',
			name: 'cleanHtml',
			type: 'boolean',
			default: false,
			description:
				'Whether to make HTML (an RSS description, an AI answer) into post text: tags removed, entities decoded, paragraphs and list items on their own lines',
		},
		{
			displayName: 'Links in HTML',
			name: 'htmlLinks',
			type: 'options',
			default: 'keepAsText',
			description: 'What Clean HTML does with the links of the HTML',
			displayOptions: { show: { cleanHtml: [true] } },
			options: [
				{
					name: 'Keep as Text',
					value: 'keepAsText',
					description: 'Write each link\'s URL after its text: "anchor text (URL)"',
				},
				{
					name: 'Use First as Link Attachment',
					value: 'moveToAttachment',
					description:
						'Leave the URLs out of the text; the first becomes the Link Attachment unless one is set (text posts only)',
				},
			],
		},
		{
			displayName: 'More Than 5 Links',
			name: 'moreLinks',
			type: 'options',
			default: 'fail',
			description:
				'What to do when the text and Link Attachment hold more than the 5 different links Threads allows in a post',
			options: [
				{
					name: 'Fail',
					value: 'fail',
					description: 'Refuse the item before any request, with the count',
				},
				{
					name: 'Keep First 5',
					value: 'keepFirst',
					description:
						'Keep the first 5 links; write the others as plain text Threads does not count ("example[.]com/page")',
				},
			],
		},
		{
			displayName: 'When Text Is Too Long',
			name: 'whenTooLong',
			type: 'options',
			default: 'fail',
			description:
				tooLongDescription ??
				'What to do with a text longer than the 500 characters of a post (counted as Threads counts them)',
			options: split ? [FAIL, SHORTEN, SPLIT] : [FAIL, SHORTEN],
		},
	];
}
