import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { autoPublishText } from './autoPublish';
import { buildCarousel } from './carousel';
import { clock } from '../shared/clock';
import { namingContainers } from './containerErrors';
import { containerParameters } from '../posts/containerParameters';
import { createContainer } from './createContainer';
import { publishContainer } from './publishContainer';
import type { PostHints } from './publishedLookup';
import {
	DEFAULT_WAIT,
	type PostMediaType,
	type PostSpec,
	type WaitSettings,
} from '../posts/postSpec';
import { assertPublishable } from '../posts/postRules';

export type { PostSpec, PostOptions, CarouselItemSpec, WaitSettings } from '../posts/postSpec';
export { DEFAULT_WAIT } from '../posts/postSpec';

export interface PublishPostResult extends IDataObject {
	/** The published post (or reply). */
	id: string | null;
	/** Present unless `wait.includePermalink` is false; null if it could not be read. */
	permalink?: string | null;
	/** The container that was published; null for auto-published text. */
	containerId: string | null;
	/** A carousel's item containers, in order. */
	childContainerIds?: string[];
	mediaType: PostMediaType;
	status: 'PUBLISHED';
}

/** What a post looks like in the account's lists, to find it after a lost answer. */
export function hintsFor(spec: PostSpec): PostHints {
	return {
		text: spec.text ?? '',
		mediaType: spec.mediaType,
		isReply: Boolean(spec.options.replyToId),
		isGhost: spec.options.ghostPost === true,
	};
}

/**
 * Publishes a post or a reply in one step: validates it (no request for bad input), creates the
 * container(s), waits for processing, publishes exactly once and returns the post id, permalink and
 * container ids. A reply is a spec with `options.replyToId`. Errors after a container exists carry
 * its id (`error.context.containerId`, and `childContainerIds` for carousels) so a workflow can
 * resume with Container > Get Status / Publish.
 */
export async function publishPost(
	this: IExecuteFunctions,
	spec: PostSpec,
	itemIndex: number,
	wait: WaitSettings = DEFAULT_WAIT,
): Promise<PublishPostResult> {
	assertPublishable(this, spec, wait, itemIndex);
	const hints = hintsFor(spec);

	if (spec.mediaType === 'TEXT' && spec.options.autoPublishText) {
		const body = containerParameters(spec);
		const post = await autoPublishText.call(this, body, hints, itemIndex, wait.includePermalink);
		return { ...post, mediaType: 'TEXT' };
	}

	if (spec.mediaType === 'CAROUSEL') {
		const carousel = await buildCarousel.call(this, spec, itemIndex, wait);
		const published = await namingContainers(
			{ containerId: carousel.containerId, childContainerIds: carousel.childContainerIds },
			async () =>
				await publishContainer.call(this, carousel.containerId, itemIndex, {
					wait: true,
					kind: 'CAROUSEL',
					maxWaitMs: wait.maxWaitMs,
					includePermalink: wait.includePermalink,
					origin: carousel.createdAt,
					hints,
				}),
		);
		return {
			...published,
			childContainerIds: carousel.childContainerIds,
			mediaType: 'CAROUSEL',
		};
	}

	const containerId = await createContainer.call(this, containerParameters(spec), itemIndex);
	const post = await publishContainer.call(this, containerId, itemIndex, {
		// Text is ready at once: publishing straight away saves a status request.
		wait: spec.mediaType !== 'TEXT',
		kind: spec.mediaType,
		maxWaitMs: wait.maxWaitMs,
		includePermalink: wait.includePermalink,
		origin: clock.now(),
		hints,
	});
	return { ...post, mediaType: spec.mediaType };
}
