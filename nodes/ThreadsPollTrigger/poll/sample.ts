import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../../Threads/shared/concurrency';
import { resolvePostId } from '../../Threads/reading/postLookup';
import type { RangeRead } from './advance';
import type { PollConfig } from './config';
import type { PollEvent } from './pollSource';
import { sourceReader } from './reader';
import { type Source, mentions, ownPosts, searchResults, underPost } from './sources';
import { EMPTY_MARK, itemId, timestampSeconds } from './watermark';

/**
 * A manual run ("Fetch Test Event"): the latest item of what the trigger watches, as a sample to
 * build the workflow on. It reads a first page only and leaves the watermarks alone.
 */

const NOUNS: Record<PollConfig['event'], string> = {
	post: 'post of the connected account',
	reply: 'reply',
	mention: 'mention of the connected account',
	pendingReply: 'reply waiting for approval',
	searchResult: 'post matching the query',
};

async function firstPage(
	context: IPollFunctions,
	source: Source,
	fields: string,
	size: number,
): Promise<RangeRead> {
	const read = sourceReader(context, source, fields);
	// One page, whatever it holds.
	return await read({
		range: { since: EMPTY_MARK },
		maxPages: 1,
		firstPageSize: size,
		enough: () => true,
	});
}

function latest(items: IDataObject[], source: Source, config: PollConfig): PollEvent | undefined {
	const item = items.find(
		(entry) =>
			timestampSeconds(entry) !== undefined &&
			(config.includeOwnReplies || source.event !== 'reply' || entry.is_reply_owned_by_me !== true),
	);
	return item ? { item, ts: timestampSeconds(item) ?? 0, source } : undefined;
}

/** The sources a sample looks at: the event's list, or the lists under the watched posts. */
async function sampleSources(context: IPollFunctions, config: PollConfig): Promise<Source[]> {
	switch (config.event) {
		case 'post':
			return [ownPosts('post')];
		case 'mention':
			return [mentions()];
		case 'searchResult':
			return [searchResults(config.query, config.searchMode)];
		default: {
			if (config.watch === 'onePost') {
				const postId = await resolvePostId.call(context, config.post, 'Post', 0);
				return [underPost(config.event, postId, config.replyDepth)];
			}
			const posts = await firstPage(
				context,
				ownPosts(config.event),
				'id,timestamp',
				config.postCount,
			);
			return posts.items.map((post) => underPost(config.event, itemId(post), config.replyDepth));
		}
	}
}

export async function sampleEvent(context: IPollFunctions, config: PollConfig): Promise<PollEvent> {
	const sources = await sampleSources(context, config);
	// A few, so that the account's own replies (skipped by default) do not hide the others.
	const size = config.event === 'reply' ? 10 : 1;
	const found = await mapWithConcurrency(sources, 4, async (source) =>
		latest((await firstPage(context, source, config.fields, size)).items, source, config),
	);
	const newest = found
		.filter((event): event is PollEvent => event !== undefined)
		.sort((a, b) => b.ts - a.ts)[0];
	if (newest) return newest;
	throw new NodeOperationError(
		context.getNode(),
		`No ${NOUNS[config.event]} was found to show as a sample`,
		{
			description:
				'Nothing to show yet. Once the workflow is active, the trigger emits each new one as it comes; to test now, make one on Threads and fetch again.',
		},
	);
}
