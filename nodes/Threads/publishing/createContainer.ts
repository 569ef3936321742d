import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import { isThreadsApiError } from '../transport/errors';
import { attempt } from '../shared/attempt';
import { clock } from '../shared/clock';

/** "Media Not Found" on creation means a carousel's items are not ready yet: asked again after 1, 2, 4, 8 s. */
const NOT_READY_RETRIES = 4;

export function scopeFor(body: IDataObject): string {
	return body.reply_to_id ? 'threads_manage_replies' : 'threads_content_publish';
}

/**
 * Creates a container and returns its id. Safe to repeat (an unpublished container expires on its
 * own), so the transport retries lost answers; never use it with auto_publish_text.
 */
export async function createContainer(
	this: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
	action = 'create the post container',
): Promise<string> {
	for (let round = 0; ; round++) {
		const created = await attempt(
			async () =>
				await threadsApiRequest.call(this, {
					method: 'POST',
					path: '/me/threads',
					body,
					retrySafe: true,
					scope: scopeFor(body),
					action,
					itemIndex,
				}),
		);
		if (created.ok) return String(created.value.id);
		const notReady =
			isThreadsApiError(created.error) && created.error.threadsFailure.kind === 'mediaNotFound';
		if (!notReady || round >= NOT_READY_RETRIES) throw created.error;
		await clock.sleep(1000 * 2 ** round);
	}
}
