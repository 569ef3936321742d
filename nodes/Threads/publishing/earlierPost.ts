import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SKIP_OPTION_NAME } from '../parameters/skipIfPosted';
import type { PostMediaType, PostSpec } from '../posts/postSpec';
import { clock } from '../shared/clock';
import { readPermalink } from './permalink';
import { hintsFor } from './publishPost';
import { findPublishedPost } from './publishedLookup';

/**
 * Skip If Already Posted Within (Minutes): before anything of a post is sent, the account's own
 * posts of the last minutes are read for one of the same kind and text (a reply: to the same post;
 * a quote: of the same post). Such a post is what a re-run of the same input would send again, so
 * it is returned instead. Each post found is claimed for this execution (publishedLookup.ts), as
 * is each post this execution publishes: two identical items find two different posts, and the
 * second of two identical items in a first run is still published.
 */

/** Pages read at most: 1,100 posts, more than the 24-hour quotas allow (250 posts, 1,000 replies). */
const SKIP_LOOKUP_PAGES = 11;

export interface AlreadyPublished extends IDataObject {
	id: string;
	permalink?: string | null;
	/** Not known: the post was found in the account's list. */
	containerId: null;
	mediaType: PostMediaType;
	status: 'ALREADY_PUBLISHED';
	note: string;
}

/**
 * The account's post that this one would repeat, published within `minutes`, or undefined when
 * there is none. Fails the item (nothing sent) when the posts cannot be read: a post that may
 * exist is never sent again.
 */
export async function findEarlierPost(
	this: IExecuteFunctions,
	spec: PostSpec,
	minutes: number,
	itemIndex: number,
	includePermalink: boolean,
): Promise<AlreadyPublished | undefined> {
	const { replyToId, quotePostId } = spec.options;
	const lookup = await findPublishedPost.call(
		this,
		{ ...hintsFor(spec), replyToId, quotePostId },
		clock.now() - minutes * 60_000,
		itemIndex,
		{ maxPages: SKIP_LOOKUP_PAGES },
	);
	const noun = replyToId ? 'reply' : 'post';
	if (lookup.outcome === 'unknown') {
		throw new NodeOperationError(
			this.getNode(),
			`Could not tell whether this ${noun} was already posted (${SKIP_OPTION_NAME}): the account's posts of the last ${minutes} minutes could not be read. Nothing was sent.`,
			{
				itemIndex,
				description: `Run it again later, or set ${SKIP_OPTION_NAME} to 0 to post without looking.`,
			},
		);
	}
	if (lookup.outcome === 'absent') return undefined;
	const { id, permalink } = lookup.post;
	const found: AlreadyPublished = {
		id,
		containerId: null,
		mediaType: spec.mediaType,
		status: 'ALREADY_PUBLISHED',
		note: `A ${noun} of the same kind and text was published in the last ${minutes} minutes (${SKIP_OPTION_NAME}): nothing was sent`,
	};
	if (includePermalink)
		found.permalink = permalink ?? (await readPermalink.call(this, id, itemIndex));
	return found;
}
