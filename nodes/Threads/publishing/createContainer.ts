import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { scopeNames } from '../transport/operationScopes';
import { threadsApiRequest } from '../transport/request';
import { waitToRetry } from '../transport/retry';
import { isThreadsApiError } from '../transport/errors';
import { attempt } from '../shared/attempt';

/**
 * "Media Not Found" on creation means a carousel's items are not ready yet although their status
 * said FINISHED (Meta's lag): a deliberate re-ask after 1, 2, 4, 8 s, which the transport would not
 * make because Meta calls it a client error.
 */
const NOT_READY_RETRIES = 4;

/**
 * The permissions a container needs, named when the token lacks one (Meta does not say which):
 * publishing (or managing replies, for a reply), plus location tagging and sharing to Instagram
 * when the post asks for them.
 */
export function scopeFor(body: IDataObject): string {
	const scopes = [body.reply_to_id ? 'threads_manage_replies' : 'threads_content_publish'];
	if (body.location_id) scopes.push('threads_location_tagging');
	if (body.crossreshare_to_ig) scopes.push('threads_share_to_instagram');
	return scopeNames(scopes);
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
		if (!(await waitToRetry(this, itemIndex, 1000 * 2 ** round))) throw created.error;
	}
}
