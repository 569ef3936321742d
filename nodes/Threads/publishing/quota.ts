import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import { attempt } from '../shared/attempt';

/** What an item will use of the moving 24-hour quotas: a post (a carousel counts once) or a reply. */
export type QuotaKind = 'post' | 'reply';

export interface QuotaUse {
	used: number;
	total: number;
}

export type PublishingRoom = Record<QuotaKind, QuotaUse>;

const DEFAULT_TOTALS: Record<QuotaKind, number> = { post: 250, reply: 1000 };

function quotaUse(used: unknown, config: unknown, fallbackTotal: number): QuotaUse {
	const total = Number((config as IDataObject | undefined)?.quota_total);
	return {
		used: Number(used) || 0,
		total: Number.isFinite(total) && total > 0 ? total : fallbackTotal,
	};
}

/**
 * Reads the account's publishing quota (one request). Undefined when it cannot be read: the check
 * is an early warning only, since Threads refuses a publish beyond the quota anyway.
 */
export async function readPublishingRoom(
	this: IExecuteFunctions,
	itemIndex = 0,
): Promise<PublishingRoom | undefined> {
	const read = await attempt(
		async () =>
			await threadsApiRequest.call(this, {
				method: 'GET',
				path: '/me/threads_publishing_limit',
				qs: { fields: 'quota_usage,config,reply_quota_usage,reply_config' },
				action: 'read the publishing quota',
				itemIndex,
			}),
	);
	if (!read.ok) return undefined;
	const row = (Array.isArray(read.value.data) ? read.value.data[0] : undefined) as
		| IDataObject
		| undefined;
	if (!row) return undefined;
	return {
		post: quotaUse(row.quota_usage, row.config, DEFAULT_TOTALS.post),
		reply: quotaUse(row.reply_quota_usage, row.reply_config, DEFAULT_TOTALS.reply),
	};
}

/** The message for a post or reply the quota cannot hold, `initiallyLeft` being what the batch started with. */
export function quotaReachedMessage(
	kind: QuotaKind,
	room: PublishingRoom,
	initiallyLeft: number,
): string {
	const noun = kind === 'post' ? 'posts' : 'replies';
	return `Publishing quota reached: Threads allows ${room[kind].total} ${noun} per 24 hours, ${room[kind].used} are used, and the ${initiallyLeft} left went to earlier items of this batch. This item was not sent.`;
}

/**
 * The items (by index) that the remaining quota cannot hold, in input order, each with the error
 * message to report. Items with no kind (nothing to publish) use nothing.
 */
export function itemsBeyondQuota(
	kinds: Array<QuotaKind | undefined>,
	room: PublishingRoom,
): Map<number, string> {
	const left: Record<QuotaKind, number> = {
		post: Math.max(0, room.post.total - room.post.used),
		reply: Math.max(0, room.reply.total - room.reply.used),
	};
	const initiallyLeft = { ...left };
	const beyond = new Map<number, string>();
	kinds.forEach((kind, index) => {
		if (!kind) return;
		if (left[kind] > 0) {
			left[kind]--;
			return;
		}
		beyond.set(index, quotaReachedMessage(kind, room, initiallyLeft[kind]));
	});
	return beyond;
}
