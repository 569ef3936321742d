import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import { takeRetry, waitToRetry } from '../transport/retry';
import { isThreadsApiError } from '../transport/errors';
import { attempt } from '../shared/attempt';
import { clock } from '../shared/clock';
import { containerError, withContainerContext } from './containerErrors';
import { type ContainerStatus, readStatusPatiently } from './containerStatus';
import { waitForContainers } from './containerWait';
import { readPermalink } from './permalink';
import type { ScheduleKind } from './pollSchedule';
import { type PostHints, claimPost, findPublishedPost } from './publishedLookup';

export interface PublishContainerOptions {
	/** Wait for processing before the first attempt (off for text, which is ready at once). */
	wait: boolean;
	kind: ScheduleKind;
	maxWaitMs: number;
	includePermalink: boolean;
	/** When the container was created, for the wait schedule. */
	origin?: number;
	/** What the post looks like, to find it if a publish's answer is lost. */
	hints?: PostHints;
}

export interface PublishedPost extends IDataObject {
	/** The published post's id; null only when Threads confirms publication but the post cannot be identified. */
	id: string | null;
	permalink?: string | null;
	containerId: string;
	status: 'PUBLISHED';
}

/*
 * The engine's own re-asks. The transport never repeats a publish (it is not safe to), so the
 * engine decides here, knowing what Threads answered: each re-ask also takes one retry from the
 * item's budget (transport/retry.ts), so the limits below are ceilings, not promises.
 */
/** Early publishes ("Media Not Found", 24/4279009) retried after 1, 2, 4, 8 and 16 s. */
const MEDIA_NOT_FOUND_RETRIES = 5;
/** Publishes with an unknown outcome that turned out not to have happened, retried at most this often. */
const UNKNOWN_OUTCOME_RETRIES = 4;
const STATUS_READS = 5;

async function publishRequest(this: IExecuteFunctions, containerId: string, itemIndex: number) {
	return await threadsApiRequest.call(this, {
		method: 'POST',
		path: '/me/threads_publish',
		body: { creation_id: containerId },
		retrySafe: false,
		scope: 'threads_content_publish',
		action: `publish container ${containerId}`,
		itemIndex,
	});
}

/** The container's status, asked a few times over passing failures; undefined if it never answered. */
async function settledStatus(
	this: IExecuteFunctions,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus | undefined> {
	for (let round = 0; round < STATUS_READS; round++) {
		if (round > 0 && !(await waitToRetry(this, itemIndex, 1000 * 2 ** (round - 1)))) break;
		const read = await readStatusPatiently.call(this, containerId, itemIndex);
		if (read.ok) return read.value;
	}
	return undefined;
}

function isOutcomeUnknown(error: unknown): boolean {
	if (!isThreadsApiError(error)) return false;
	const kind = error.threadsFailure.kind;
	return kind === 'network' || kind === 'transient' || kind === 'unknown';
}

async function identify(
	this: IExecuteFunctions,
	containerId: string,
	options: PublishContainerOptions,
	sinceMs: number,
	itemIndex: number,
	flags: IDataObject,
): Promise<PublishedPost> {
	const lookup = await findPublishedPost.call(this, options.hints ?? {}, sinceMs, itemIndex);
	const found = lookup.outcome === 'found' ? lookup.post : undefined;
	const result: PublishedPost = {
		id: found?.id ?? null,
		containerId,
		status: 'PUBLISHED',
		...flags,
	};
	if (options.includePermalink) {
		result.permalink =
			found?.permalink ?? (found ? await readPermalink.call(this, found.id, itemIndex) : null);
	}
	if (!found) {
		result.note =
			'Threads confirms the container is published but did not say which post it became; look for it with Post > Get Many';
	}
	return result;
}

function publishedEarlier(containerId: string): PublishedPost {
	return {
		id: null,
		containerId,
		status: 'PUBLISHED',
		alreadyPublished: true,
		note: 'This container was already published earlier; nothing was published again',
	};
}

/**
 * Publishes a container exactly once. A publish whose outcome is unknown (connection lost, 5xx) is
 * never resent before Threads has been asked whether the container is already published; an early
 * publish ("Media Not Found") waits for processing and retries with backoff, a bounded number of
 * times. Every error raised here names the container so the workflow can resume with it.
 */
export async function publishContainer(
	this: IExecuteFunctions,
	containerId: string,
	itemIndex: number,
	options: PublishContainerOptions,
): Promise<PublishedPost> {
	const waitOnce = async () => {
		const statuses = await waitForContainers.call(this, [containerId], itemIndex, {
			kind: options.kind,
			maxWaitMs: options.maxWaitMs,
			origin: options.origin,
		});
		return statuses.get(containerId);
	};
	const firstAttempt = clock.now();
	if (options.wait) {
		const status = await waitOnce();
		if (status?.isPublishedMedia) {
			return { id: containerId, containerId, status: 'PUBLISHED', alreadyPublished: true };
		}
		// Published before this run: nothing tells which post it became, and nothing is sent.
		if (status?.status === 'PUBLISHED') return publishedEarlier(containerId);
	}
	let waited = options.wait;
	let earlyRetries = 0;
	let unknownRetries = 0;
	for (;;) {
		const sent = await attempt(async () => await publishRequest.call(this, containerId, itemIndex));
		if (sent.ok) {
			const id = String(sent.value.id);
			claimPost(this, id);
			const result: PublishedPost = { id, containerId, status: 'PUBLISHED' };
			if (options.includePermalink)
				result.permalink = await readPermalink.call(this, id, itemIndex);
			return result;
		}
		const error = sent.error;
		const kind = isThreadsApiError(error) ? error.threadsFailure.kind : undefined;

		if (kind === 'mediaNotFound') {
			if (!waited) {
				waited = true;
				const status = await waitOnce();
				if (status?.status === 'PUBLISHED') {
					return await identify.call(this, containerId, options, firstAttempt, itemIndex, {
						recovered: true,
					});
				}
				continue;
			}
			if (
				earlyRetries < MEDIA_NOT_FOUND_RETRIES &&
				(await waitToRetry(this, itemIndex, 1000 * 2 ** earlyRetries))
			) {
				earlyRetries++;
				continue;
			}
			throw withContainerContext(error, { containerId });
		}

		if (kind === 'alreadyPublished') {
			// Before any resend, nothing of ours can have gone through: it was published earlier.
			if (unknownRetries === 0) return publishedEarlier(containerId);
			// An earlier attempt of ours went through after all.
			return await identify.call(this, containerId, options, firstAttempt, itemIndex, {
				recovered: true,
			});
		}

		if (!isOutcomeUnknown(error)) throw withContainerContext(error, { containerId });

		const status = await settledStatus.call(this, containerId, itemIndex);
		if (!status) {
			throw containerError(
				this.getNode(),
				`Could not tell whether container ${containerId} was published: the publish request failed and Threads did not answer the status check`,
				{
					itemIndex,
					containerId,
					description:
						'Do not publish it again blindly: check it first with Media Container > Get Status (PUBLISHED means it is live), then use Media Container > Publish if it is FINISHED.',
				},
			);
		}
		if (status.status === 'PUBLISHED') {
			return await identify.call(this, containerId, options, firstAttempt, itemIndex, {
				recovered: true,
			});
		}
		if (status.status !== 'FINISHED') {
			// In progress, failed or expired: the wait either ends ready or raises the right error.
			waited = true;
			if ((await waitOnce())?.status === 'PUBLISHED') {
				return await identify.call(this, containerId, options, firstAttempt, itemIndex, {
					recovered: true,
				});
			}
			continue;
		}
		if (unknownRetries >= UNKNOWN_OUTCOME_RETRIES || !takeRetry(this, itemIndex)) {
			throw withContainerContext(error, { containerId });
		}
		unknownRetries++;
	}
}
