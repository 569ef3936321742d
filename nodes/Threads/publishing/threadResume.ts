import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PostSpec } from '../posts/postSpec';
import { threadsApiRequest, threadsApiRequestAllItems } from '../transport/request';
import { READ_MEDIA_TYPES, claimPost } from './publishedLookup';

/**
 * Where a thread resumes (Continue Chain After Post ID). The node is given the last published part's
 * ID and the same input as before, so it knows every part's text:
 * 1. it reads that post and the posts it replies to, up to the root, and finds the one position in
 *    the thread where their kinds and texts match the parts (with Numbering texts never repeat);
 * 2. from there it reads the account's own replies under each part for the next one, so a part that
 *    went out although its run failed (a lost answer) is found instead of being sent again.
 * Nothing is sent here; the answer is the IDs of the parts already published, in order.
 */

const POST_FIELDS = 'id,text,media_type,replied_to';
const REPLY_FIELDS = 'id,text,media_type,is_reply_owned_by_me';
/** Pages of a part's replies read when looking for the next part (100 replies each). */
const REPLY_PAGES = 5;

function matches(post: IDataObject | undefined, spec: PostSpec): boolean {
	if (!post || post.media_type !== READ_MEDIA_TYPES[spec.mediaType]) return false;
	return String(post.text ?? '').trim() === (spec.text ?? '').trim();
}

function parentOf(post: IDataObject): string | undefined {
	const repliedTo = post.replied_to as IDataObject | undefined;
	return typeof repliedTo?.id === 'string' ? repliedTo.id : undefined;
}

function refuse(context: IExecuteFunctions, message: string, itemIndex: number): never {
	throw new NodeOperationError(context.getNode(), `Continue Chain After Post ID: ${message}`, {
		itemIndex,
		description:
			'Nothing was sent. Give the ID of the last part that was published (the error of the earlier run names it as continueAfterPostId), with the same input as that run.',
	});
}

/** The given post and its ancestors, read one by one as far as asked. */
function ancestry(context: IExecuteFunctions, startId: string, itemIndex: number) {
	const chain: Array<IDataObject | undefined> = [];
	const read = async (id: string) =>
		await threadsApiRequest.call(context, {
			method: 'GET',
			path: `/${id}`,
			qs: { fields: POST_FIELDS },
			scope: 'threads_basic',
			action: `read post ${id} to continue the thread`,
			itemIndex,
		});
	return async (depth: number): Promise<IDataObject | undefined> => {
		while (chain.length <= depth) {
			const below = chain[chain.length - 1];
			if (chain.length > 0 && !below) return undefined;
			const id = chain.length === 0 ? startId : below && parentOf(below);
			chain.push(id ? await read(id) : undefined);
		}
		return chain[depth];
	};
}

/** Step 1: the position of the given post in the thread, and the IDs of the parts up to it. */
async function locate(
	context: IExecuteFunctions,
	specs: PostSpec[],
	postId: string,
	itemIndex: number,
): Promise<string[]> {
	const ancestor = ancestry(context, postId, itemIndex);
	const post = await ancestor(0);
	const candidates = specs.map((_, k) => k).filter((k) => matches(post, specs[k]));
	if (candidates.length === 0) {
		const text = String(post?.text ?? '')
			.replace(/\s+/g, ' ')
			.slice(0, 60);
		refuse(
			context,
			`post ${postId} is not a part of this thread: no part has its kind and text ("${text}")`,
			itemIndex,
		);
	}
	const rootIsReply = Boolean(specs[0].options.replyToId);
	const found: number[] = [];
	for (const k of candidates) {
		let fits = true;
		for (let depth = 1; depth <= k && fits; depth++) {
			fits = matches(await ancestor(depth), specs[k - depth]);
		}
		const root = fits ? await ancestor(k) : undefined;
		if (root && Boolean(parentOf(root)) === rootIsReply) found.push(k);
	}
	if (found.length !== 1) {
		refuse(
			context,
			found.length === 0
				? `post ${postId} has the text of part ${candidates.map((k) => k + 1).join(' or ')}, but the posts it replies to are not the parts before it`
				: `post ${postId} could be part ${found.map((k) => k + 1).join(' or ')}: those parts are the same. Turn on Numbering so that every part differs`,
			itemIndex,
		);
	}
	const ids: string[] = [];
	for (let depth = found[0]; depth >= 0; depth--) ids.push(String((await ancestor(depth))?.id));
	return ids;
}

/** Step 2: the next parts already among the account's replies, followed from the last known one. */
async function alreadyPublishedAfter(
	context: IExecuteFunctions,
	specs: PostSpec[],
	ids: string[],
	itemIndex: number,
): Promise<string[]> {
	const found = [...ids];
	while (found.length < specs.length) {
		const previous = found[found.length - 1];
		const replies = await threadsApiRequestAllItems.call(
			context,
			{
				method: 'GET',
				path: `/${previous}/replies`,
				qs: { fields: REPLY_FIELDS, reverse: false },
				scope: 'threads_read_replies',
				action: `read the replies of post ${previous} to continue the thread`,
				itemIndex,
			},
			{ returnAll: true },
			{ maxPages: REPLY_PAGES },
		);
		const next = replies.find(
			(reply) => reply.is_reply_owned_by_me === true && matches(reply, specs[found.length]),
		);
		if (!next) break;
		found.push(String(next.id));
	}
	return found;
}

/** The IDs of the thread's parts already published, from the root, when continuing after `postId`. */
export async function publishedPartsUpTo(
	this: IExecuteFunctions,
	specs: PostSpec[],
	postId: string,
	itemIndex: number,
): Promise<string[]> {
	const located = await locate(this, specs, postId, itemIndex);
	const ids = await alreadyPublishedAfter(this, specs, located, itemIndex);
	for (const id of ids) claimPost(this, id);
	return ids;
}
