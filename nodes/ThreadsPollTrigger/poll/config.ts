import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_POST_FIELDS,
	DEFAULT_REPLY_FIELDS,
	MEDIA_FIELD_NAMES,
	fieldsQuery,
} from '../../Threads/reading/fields';
import { DEFAULT_MAX_PAGES, MAX_RECENT_POSTS } from '../description/properties';
import type { EventKind, ReplyDepth, SearchMode } from './sources';

/** What the user set, read and checked before any request. */
export interface PollConfig {
	event: EventKind;
	/** For replies and pending replies: the recent posts, or one post (its locator value, ID or URL). */
	watch: 'recentPosts' | 'onePost';
	postCount: number;
	post?: unknown;
	replyDepth: ReplyDepth;
	query: string;
	searchMode: SearchMode;
	/** The `fields` query. */
	fields: string;
	simplify: boolean;
	emitOnFirstRun: number;
	maxPages: number;
	includeOwnReplies: boolean;
}

const EVENTS: EventKind[] = ['post', 'reply', 'mention', 'pendingReply', 'searchResult'];
const MAX_TAG_LENGTH = 50;

function wholeNumber(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value ?? fallback);
	if (!Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.floor(number)));
}

export function isReplyEvent(event: EventKind): boolean {
	return event === 'reply' || event === 'pendingReply';
}

export function readPollConfig(context: IPollFunctions): PollConfig {
	const node = context.getNode();
	const event = context.getNodeParameter('event', 'mention') as EventKind;
	if (!EVENTS.includes(event)) {
		throw new NodeOperationError(
			node,
			`Trigger On must be one of ${EVENTS.join(', ')}, got "${String(event)}"`,
		);
	}
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const replyEvent = isReplyEvent(event);
	const includeOwnReplies = options.includeOwnReplies === true;
	const required = ['id', 'timestamp'];
	// Tells the account's own replies apart, to skip them.
	if (event === 'reply' && !includeOwnReplies) required.push('is_reply_owned_by_me');
	const config: PollConfig = {
		event,
		watch: 'recentPosts',
		postCount: 5,
		replyDepth: 'topLevel',
		query: '',
		searchMode: 'KEYWORD',
		fields: fieldsQuery(
			context,
			options.fields,
			MEDIA_FIELD_NAMES,
			replyEvent ? DEFAULT_REPLY_FIELDS : DEFAULT_POST_FIELDS,
			0,
			'Fields',
			required,
		),
		simplify: options.simplify !== false,
		emitOnFirstRun: wholeNumber(options.emitOnFirstRun, 0, 0, 100),
		maxPages: wholeNumber(options.maxPages, DEFAULT_MAX_PAGES, 1, 50),
		includeOwnReplies,
	};
	if (replyEvent) {
		config.watch =
			context.getNodeParameter('watch', 'recentPosts') === 'onePost' ? 'onePost' : 'recentPosts';
		config.postCount = wholeNumber(
			context.getNodeParameter('postCount', 5),
			5,
			1,
			MAX_RECENT_POSTS,
		);
		if (config.watch === 'onePost') config.post = context.getNodeParameter('postId', '');
		if (
			event === 'reply' &&
			context.getNodeParameter('replyDepth', 'topLevel') === 'conversation'
		) {
			config.replyDepth = 'conversation';
		}
	}
	if (event === 'searchResult') readSearch(context, config);
	return config;
}

function readSearch(context: IPollFunctions, config: PollConfig): void {
	const node = context.getNode();
	config.searchMode =
		context.getNodeParameter('searchMode', 'KEYWORD') === 'TAG' ? 'TAG' : 'KEYWORD';
	let query = String(context.getNodeParameter('query', '') ?? '').trim();
	if (config.searchMode === 'TAG') query = query.replace(/^#/, '');
	if (query === '') {
		throw new NodeOperationError(node, 'Query is required: the words or tag to watch for', {
			description: 'Set Query in the trigger, then activate the workflow again.',
		});
	}
	if (config.searchMode === 'TAG' && (query.length > MAX_TAG_LENGTH || /[\s.&]/.test(query))) {
		throw new NodeOperationError(
			node,
			`Query must be a topic tag in Tag mode: 1-${MAX_TAG_LENGTH} characters without spaces, "." or "&", got "${query.slice(0, 60)}"`,
		);
	}
	config.query = query;
}
