import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A thread that stops part-way: the error says which part stopped it and which parts are out, and
 * carries them (`publishedIds`, `failedPart`, `continueAfterPostId`) so a workflow can finish the
 * thread with Continue Chain After Post ID instead of posting the first parts again.
 */

export interface ThreadProgress {
	/** The parts confirmed published, in order from the root. */
	publishedIds: string[];
	/** The part that stopped the thread, counted from 1. */
	failedPart: number;
	parts: number;
}

/** The fields a thread's error carries in its context (copied into a continue-on-fail error item). */
export const THREAD_ERROR_FIELDS = [
	'publishedIds',
	'failedPart',
	'parts',
	'continueAfterPostId',
] as const;

function publishedSentence(ids: string[]): string {
	if (ids.length === 0) return 'No part of the thread is published.';
	if (ids.length === 1) return `Part 1 is published (ID ${ids[0]}) and was not sent again.`;
	return `Parts 1 to ${ids.length} are published (IDs ${ids.join(', ')}) and were not sent again.`;
}

function nextStep(ids: string[]): string {
	// Nothing to continue from: the error that stopped the root says what to do.
	if (ids.length === 0) return '';
	return `To publish the rest, run the node again with the same input and Options > Continue Chain After Post ID set to ${ids[ids.length - 1]}: the node finds the parts already published under it and sends only the others.`;
}

/** The item's error for a thread stopped at `progress.failedPart`, built on the error that stopped it. */
export function threadStopped(
	node: INode,
	error: unknown,
	progress: ThreadProgress,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const target =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(node, error as Error, { itemIndex });
	const { publishedIds, failedPart, parts } = progress;
	target.message = `The thread stopped at part ${failedPart} of ${parts}: ${target.message}`;
	target.description = [publishedSentence(publishedIds), target.description, nextStep(publishedIds)]
		.filter(Boolean)
		.join(' ');
	const context: IDataObject = { publishedIds: [...publishedIds], failedPart, parts };
	if (publishedIds.length > 0) context.continueAfterPostId = publishedIds[publishedIds.length - 1];
	Object.assign(target.context, context);
	if (target.context.itemIndex === undefined) target.context.itemIndex = itemIndex;
	return target;
}

/** A part Threads confirms published without saying which post it became: the chain cannot hang from it. */
export function unidentifiedPart(
	node: INode,
	isRoot: boolean,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		'Threads published this part but did not say which post it became, so the next part has nothing to reply to',
		{
			itemIndex,
			description: isRoot
				? 'Find the root post with Post > Get Many, then run the node again with the same input and Options > Continue Chain After Post ID set to its ID.'
				: undefined,
		},
	);
}
