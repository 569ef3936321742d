import type { IExecuteFunctions } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { clock } from '../shared/clock';
import { mapWithConcurrency } from '../shared/concurrency';
import { namingContainers } from './containerErrors';
import { carouselItemParameters, containerParameters } from '../posts/containerParameters';
import { waitForContainers } from './containerWait';
import { createContainer } from './createContainer';
import type { CarouselItemSpec, PostSpec } from '../posts/postSpec';

export interface BuiltCarousel {
	containerId: string;
	childContainerIds: string[];
	/** When the carousel container was created (clock time), for its own wait. */
	createdAt: number;
}

function itemLabel(index: number): string {
	return `Carousel item ${index + 1}`;
}

/** Creates the item containers, `concurrency` at a time, in the order given. */
export async function createCarouselItems(
	this: IExecuteFunctions,
	items: CarouselItemSpec[],
	itemIndex: number,
	concurrency: number,
): Promise<string[]> {
	return await mapWithConcurrency(items, concurrency, async (item, index) => {
		const created = await attempt(
			async () =>
				await createContainer.call(
					this,
					carouselItemParameters(item),
					itemIndex,
					`create ${itemLabel(index).toLowerCase()}`,
				),
		);
		if (created.ok) return created.value;
		const error = created.error as { message?: string };
		if (typeof error?.message === 'string') error.message = `${itemLabel(index)}: ${error.message}`;
		throw created.error;
	});
}

export interface CarouselWait {
	maxWaitMs: number;
	concurrency: number;
}

/**
 * Creates (or takes) the item containers, waits for all of them together, then creates the
 * carousel container. Errors carry the item container ids, so the carousel can be built from them
 * later without uploading again.
 */
export async function buildCarousel(
	this: IExecuteFunctions,
	spec: PostSpec,
	itemIndex: number,
	wait: CarouselWait,
): Promise<BuiltCarousel> {
	const fresh = !spec.children;
	const childContainerIds =
		spec.children ??
		(await createCarouselItems.call(this, spec.carouselItems ?? [], itemIndex, wait.concurrency));
	return await namingContainers({ childContainerIds }, async () => {
		await waitForContainers.call(this, childContainerIds, itemIndex, {
			// Items just created start young; given ids may be of any age, so check them at once.
			kind: fresh ? 'IMAGE' : 'UNKNOWN',
			maxWaitMs: wait.maxWaitMs,
			concurrency: wait.concurrency,
			origin: clock.now(),
			describe: (id) => `${itemLabel(childContainerIds.indexOf(id))} (container ${id})`,
		});
		const containerId = await createContainer.call(
			this,
			containerParameters(spec, childContainerIds),
			itemIndex,
			'create the carousel container',
		);
		return { containerId, childContainerIds, createdAt: clock.now() };
	});
}
