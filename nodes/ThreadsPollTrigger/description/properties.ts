import type { INodeProperties } from 'n8n-workflow';

import { postLocator } from '../../Threads/descriptions/common';
import { searchModeField } from '../../Threads/descriptions/searchFields';
import { MEDIA_FIELD_OPTIONS } from '../../Threads/reading/fields';

/** The trigger's parameters (n8n adds Poll Times itself, since the node polls). */

const underPost = { event: ['reply', 'pendingReply'] };

export const MAX_RECENT_POSTS = 25;
export const DEFAULT_MAX_PAGES = 10;

const eventProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New Mention',
				value: 'mention',
				description:
					'A public post by another account mentions the connected account (threads_manage_mentions)',
			},
			{
				name: 'New Pending Reply',
				value: 'pendingReply',
				description:
					'A reply waits for approval on a post published with reply approvals (threads_read_replies, threads_manage_replies)',
			},
			{
				name: 'New Post',
				value: 'post',
				description: 'The connected account published a post (threads_basic)',
			},
			{
				name: 'New Reply',
				value: 'reply',
				description: "Someone replied to the connected account's posts (threads_read_replies)",
			},
			{
				name: 'New Search Result',
				value: 'searchResult',
				description:
					'A new public post matches a keyword or topic tag, most recent first (threads_keyword_search)',
			},
		],
		default: 'mention',
	},
	{
		displayName: 'Posts to Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'My Recent Posts',
				value: 'recentPosts',
				description: "The connected account's most recent posts, new ones included as they come",
			},
			{ name: 'One Post', value: 'onePost', description: 'A single post, picked below' },
		],
		default: 'recentPosts',
		displayOptions: { show: underPost },
	},
	{
		displayName:
			'Threads has no list of every reply to an account: each poll reads the replies of your most recent posts, one request per post plus one for your list of posts. Replies to older posts are not seen.',
		name: 'recentPostsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...underPost, watch: ['recentPosts'] } },
	},
	{
		displayName: 'Number of Recent Posts',
		name: 'postCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECENT_POSTS },
		default: 5,
		description: `How many of your newest posts to watch (at most ${MAX_RECENT_POSTS}); each costs one request per poll`,
		displayOptions: { show: { ...underPost, watch: ['recentPosts'] } },
	},
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description: 'The post whose replies to watch, from the list, by Threads URL or by ID',
		show: { ...underPost, watch: ['onePost'] },
	}),
	{
		displayName: 'Replies',
		name: 'replyDepth',
		type: 'options',
		options: [
			{
				name: 'Top-Level Replies',
				value: 'topLevel',
				description: 'Replies made directly to the post',
			},
			{
				name: 'Whole Conversation',
				value: 'conversation',
				description: 'Replies at every depth, replies to replies included',
			},
		],
		default: 'topLevel',
		displayOptions: { show: { event: ['reply'] } },
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. n8n automation',
		description:
			'Words in the text (Keyword mode) or a topic tag without spaces (Tag mode, a leading # is dropped)',
		displayOptions: { show: { event: ['searchResult'] } },
	},
	searchModeField({ event: ['searchResult'] }),
];

const options: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Emit on First Run',
			name: 'emitOnFirstRun',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 100 },
			default: 0,
			description:
				'How many of the most recent items the first poll after activation emits. 0: nothing that existed before activation, only what is new from then on.',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: MEDIA_FIELD_OPTIONS,
			default: [],
			description:
				'Which fields of each post or reply to return; empty returns the same defaults as the Threads node lists. ID and timestamp are always included.',
		},
		{
			displayName: 'Include My Own Replies',
			name: 'includeOwnReplies',
			type: 'boolean',
			default: false,
			description:
				'Whether to emit replies the connected account wrote itself too (by default they are skipped, so a workflow that replies does not trigger itself)',
			displayOptions: { show: { '/event': ['reply'] } },
		},
		{
			displayName: 'Max Pages per List',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_MAX_PAGES,
			description:
				'At most this many pages (up to 100 items each) read per watched list and poll. When more is new, the newest come out now and the rest in the next polls.',
		},
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				"Whether to return flat objects (owner: {ID} becomes owner_id, Meta's {data: [...]} wrappers become arrays), like the Threads node's Simplify",
		},
	],
};

export const properties: INodeProperties[] = [...eventProperties, options];
