import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import { takeRetry, waitToRetry } from '../transport/retry';
import { isThreadsApiError } from '../transport/errors';
import { attempt } from '../shared/attempt';
import { clock } from '../shared/clock';
import { scopeFor } from './createContainer';
import { readPermalink } from './permalink';
import { type PostHints, claimPost, findPublishedPostBeforeResend } from './publishedLookup';

/** Creations with an unknown outcome that turned out not to have published, retried at most this often. */
const UNKNOWN_OUTCOME_RETRIES = 3;
const NOT_READY_RETRIES = 3;

export interface AutoPublished extends IDataObject {
	id: string;
	permalink?: string | null;
	containerId: null;
	status: 'PUBLISHED';
}

/**
 * A text post with auto_publish_text: one request creates and publishes it. That request is not
 * safe to repeat, so when its answer is lost the account's newest posts are searched for it before
 * anything is sent again.
 */
export async function autoPublishText(
	this: IExecuteFunctions,
	body: IDataObject,
	hints: PostHints,
	itemIndex: number,
	includePermalink: boolean,
): Promise<AutoPublished> {
	const since = clock.now();
	let unknownRetries = 0;
	let notReadyRetries = 0;
	for (;;) {
		const sent = await attempt(
			async () =>
				await threadsApiRequest.call(this, {
					method: 'POST',
					path: '/me/threads',
					body: { ...body, auto_publish_text: true },
					retrySafe: false,
					scope: scopeFor(body),
					action: 'create and publish the text post',
					itemIndex,
				}),
		);
		let found: { id: string; permalink?: string } | undefined;
		if (sent.ok) {
			found = { id: String(sent.value.id) };
			claimPost(this, found.id);
		} else {
			const kind = isThreadsApiError(sent.error) ? sent.error.threadsFailure.kind : undefined;
			if (
				kind === 'mediaNotFound' &&
				notReadyRetries < NOT_READY_RETRIES &&
				(await waitToRetry(this, itemIndex, 1000 * 2 ** notReadyRetries++))
			) {
				continue;
			}
			if (kind !== 'network' && kind !== 'transient' && kind !== 'unknown') throw sent.error;
			const lookup = await findPublishedPostBeforeResend.call(this, hints, since, itemIndex);
			if (lookup.outcome === 'unknown') {
				throw new NodeOperationError(
					this.getNode(),
					"Could not tell whether the text post was published: the request failed and the account's posts could not be read",
					{
						itemIndex,
						description:
							'Do not run it again blindly: look for the post with Post > Get Many first.',
					},
				);
			}
			if (lookup.outcome === 'absent') {
				if (unknownRetries >= UNKNOWN_OUTCOME_RETRIES || !takeRetry(this, itemIndex)) {
					throw sent.error;
				}
				unknownRetries++;
				continue;
			}
			found = lookup.post;
		}
		const result: AutoPublished = { id: found.id, containerId: null, status: 'PUBLISHED' };
		if (!sent.ok) result.recovered = true;
		if (includePermalink) {
			result.permalink = found.permalink ?? (await readPermalink.call(this, found.id, itemIndex));
		}
		return result;
	}
}
