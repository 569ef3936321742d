import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { simplifyPost } from '../../Threads/reading/simplify';
import type { PollEvent } from './pollSource';
import { oldestFirst } from './watermark';

/**
 * One item per event, oldest first, shaped like the Threads node's lists (Simplify included) plus
 * `source` (the event kind) and, for replies, `watchedPostId` (the post whose list it came from).
 */
export function toItems(events: PollEvent[], simplify: boolean): INodeExecutionData[] {
	return oldestFirst(events, (event) => event.ts).map((event) => {
		const json: IDataObject = simplify ? simplifyPost(event.item) : { ...event.item };
		json.source = event.source.event;
		if (event.source.postId !== undefined) json.watchedPostId = event.source.postId;
		return { json };
	});
}

/** Replies the connected account wrote, left out unless Include My Own Replies is on. */
export function isOwnReply(event: PollEvent): boolean {
	return event.source.event === 'reply' && event.item.is_reply_owned_by_me === true;
}
