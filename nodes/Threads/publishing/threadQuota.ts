import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type PublishingRoom, type QuotaKind, readPublishingRoom } from './quota';

/**
 * A thread uses several posts of the moving 24-hour quotas at once: its root is a post (or a reply,
 * when the root answers another post) and every other part a reply. Checked before the first
 * request, so a thread the quota cannot hold is refused whole instead of stopping half-way.
 */

export type QuotaNeed = Record<QuotaKind, number>;

const NOUNS: Record<QuotaKind, [string, string]> = {
	post: ['post', 'posts'],
	reply: ['reply', 'replies'],
};

function count(kind: QuotaKind, n: number): string {
	return `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;
}

/** What a thread of `parts` uses: the root as a post or a reply, the rest replies; a resumed one at most its replies. */
export function threadNeed(
	parts: number,
	{ rootIsReply = false, resuming = false } = {},
): QuotaNeed {
	if (parts === 0) return { post: 0, reply: 0 };
	// Resuming, the root is out already and at most every other part is still to send.
	if (resuming) return { post: 0, reply: parts - 1 };
	return rootIsReply ? { post: 0, reply: parts } : { post: 1, reply: parts - 1 };
}

/** The threads (by index) the remaining quota cannot hold whole, in input order, each with its message. */
export function threadsBeyondQuota(
	needs: Array<QuotaNeed | undefined>,
	room: PublishingRoom,
): Map<number, string> {
	const left: QuotaNeed = {
		post: Math.max(0, room.post.total - room.post.used),
		reply: Math.max(0, room.reply.total - room.reply.used),
	};
	const beyond = new Map<number, string>();
	needs.forEach((need, index) => {
		if (!need) return;
		const short = (['post', 'reply'] as const).filter((kind) => need[kind] > left[kind]);
		if (short.length === 0) {
			left.post -= need.post;
			left.reply -= need.reply;
			return;
		}
		const kind = short[0];
		const noun = NOUNS[kind][1];
		const earlier = index > 0 ? ' after the earlier items of this run' : '';
		beyond.set(
			index,
			`Publishing quota too low for this thread: it needs ${count('post', need.post)} and ${count('reply', need.reply)}, and only ${count(kind, left[kind])} of the ${room[kind].total} ${noun} allowed per 24 hours ${left[kind] === 1 ? 'is' : 'are'} left${earlier}. Nothing of this thread was sent.`,
		);
	});
	return beyond;
}

/** Reads the quota once (one request) and refuses the threads it cannot hold; none when it cannot be read. */
export async function refuseThreadsBeyondQuota(
	this: IExecuteFunctions,
	needs: Array<QuotaNeed | undefined>,
): Promise<Map<number, Error>> {
	const refused = new Map<number, Error>();
	if (!needs.some(Boolean)) return refused;
	// An early warning only: Threads refuses a publish beyond the quota anyway.
	const room = await readPublishingRoom.call(this);
	if (!room) return refused;
	for (const [itemIndex, message] of threadsBeyondQuota(needs, room)) {
		refused.set(
			itemIndex,
			new NodeOperationError(this.getNode(), message, {
				itemIndex,
				description:
					'Checked before any part was created. Run Get Publishing Limit to see when there is room again, or turn off Options > Check Publishing Quota.',
			}),
		);
	}
	return refused;
}
