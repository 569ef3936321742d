import type { IExecuteFunctions } from 'n8n-workflow';

import { clock } from '../shared/clock';
import { mapWithConcurrency } from '../shared/concurrency';
import { containerError, withContainerContext } from './containerErrors';
import { type ContainerStatus, readStatusPatiently } from './containerStatus';
import { type ScheduleKind, pollUntil, scheduleFor } from './pollSchedule';

export interface ContainerWaitOptions {
	kind: ScheduleKind;
	maxWaitMs: number;
	/** Status reads under way at the same time (carousel items). */
	concurrency?: number;
	/** When the containers were created (clock time); the schedule counts their age from it. */
	origin?: number;
	/** How errors name a container, e.g. "Carousel item 3 (container 1789...)". */
	describe?: (containerId: string) => string;
}

/** Status reads in a row that may fail (network, 5xx) before the wait gives up on a container. */
const MAX_FAILED_READS = 4;

function failedProcessing(
	context: IExecuteFunctions,
	status: ContainerStatus,
	name: string,
	itemIndex: number,
) {
	const expired = status.status === 'EXPIRED';
	return containerError(
		context.getNode(),
		expired
			? `${name} expired: containers must be published within 24 hours of creation`
			: `${name} could not be processed: ${status.errorDescription ?? 'Threads gave no reason'}`,
		{
			itemIndex,
			containerId: status.id,
			description: `${status.errorMessage ? `Threads error_message: ${status.errorMessage}. ` : ''}Nothing was published. Fix the media and create a new container.`,
		},
	);
}

/**
 * Waits until every container is ready (FINISHED, or already PUBLISHED), checking all of them in
 * the same rounds. Fails at the first one that ends in ERROR or EXPIRED, and when the wait runs
 * out; both errors name the container so the workflow can resume from it.
 */
export async function waitForContainers(
	this: IExecuteFunctions,
	containerIds: string[],
	itemIndex: number,
	options: ContainerWaitOptions,
): Promise<Map<string, ContainerStatus>> {
	const describe = options.describe ?? ((id: string) => `Container ${id}`);
	const ready = new Map<string, ContainerStatus>();
	const failedReads = new Map<string, number>();
	const pending = () => containerIds.filter((id) => !ready.has(id));

	const { value } = await pollUntil(
		async () => {
			const statuses = await mapWithConcurrency(pending(), options.concurrency ?? 1, async (id) => {
				const read = await readStatusPatiently.call(this, id, itemIndex);
				if (read.ok) {
					failedReads.delete(id);
					return { id, status: read.value };
				}
				const failures = (failedReads.get(id) ?? 0) + 1;
				failedReads.set(id, failures);
				if (failures >= MAX_FAILED_READS)
					throw withContainerContext(read.error, { containerId: id });
				return undefined;
			});
			for (const read of statuses) {
				if (!read) continue;
				const { id, status } = read;
				if (status.status === 'ERROR' || status.status === 'EXPIRED') {
					throw failedProcessing(this, { ...status, id }, describe(id), itemIndex);
				}
				if (status.status === 'FINISHED' || status.status === 'PUBLISHED') ready.set(id, status);
			}
			return pending().length === 0 ? { done: true, value: ready } : { done: false };
		},
		scheduleFor(options.kind, options.maxWaitMs),
		clock,
		options.origin,
	);
	if (value) return value;
	const waiting = pending();
	throw containerError(
		this.getNode(),
		`${describe(waiting[0])} was still processing after ${Math.round(options.maxWaitMs / 1000)} s: nothing was published`,
		{
			itemIndex,
			containerId: waiting[0],
			description:
				'Threads has not finished processing the media. Check it later with Media Container > Get Status and publish it with Media Container > Publish, or raise Max Wait.',
		},
	);
}
