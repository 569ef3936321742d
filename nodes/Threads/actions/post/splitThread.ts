import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { type PostUrls, resolvePostUrls } from '../../parameters/postReferences';
import { readContinueAfter } from '../../parameters/threadParts';
import type { PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertNoProblems, optionLabelsOf } from '../../posts/postRules';
import { splitPostSpecs, threadProblems } from '../../posts/threadParts';
import { publishThread } from '../../publishing/publishThread';
import { type ItemNeed, threadNeed } from '../../publishing/threadQuota';
import { numericIdProblem } from '../../shared/ids';

/**
 * Publish with When Text Is Too Long set to Split Into a Thread: the post as the root of a thread
 * whose other parts are text replies, published by Publish Thread's engine (each part once, in
 * order, a stopped thread resumed with Continue Chain After Post ID).
 */

export interface SplitThread {
	/** Every part as a post, the root first. */
	specs: PostSpec[];
	continueAfter?: string;
}

/** The thread of a post whose text was split, every part checked by Publish's rules before any request. */
export function prepareSplitThread(
	context: IExecuteFunctions,
	itemIndex: number,
	root: PostSpec,
	parts: string[],
	wait: WaitSettings,
): SplitThread {
	const specs = splitPostSpecs(root, parts);
	const continueAfter = readContinueAfter(context, itemIndex) || undefined;
	const problems = threadProblems(
		parts.map((text) => ({ text, mediaType: 'TEXT' })),
		specs,
		wait,
		optionLabelsOf(context),
	);
	const idProblem = continueAfter
		? numericIdProblem(continueAfter, 'Continue Chain After Post ID')
		: undefined;
	assertNoProblems(context, idProblem ? [idProblem, ...problems] : problems, itemIndex);
	return { specs, continueAfter };
}

/** The posts and replies the thread uses of the quotas. */
export function splitThreadNeed({ specs, continueAfter }: SplitThread): ItemNeed {
	return threadNeed(specs.length, {
		rootIsReply: Boolean(specs[0].options.replyToId),
		resuming: Boolean(continueAfter),
	});
}

export async function publishSplitThread(
	context: IExecuteFunctions,
	itemIndex: number,
	{ specs, continueAfter }: SplitThread,
	urls: PostUrls,
	wait: WaitSettings,
): Promise<IDataObject> {
	const root = await resolvePostUrls.call(context, specs[0], urls, itemIndex);
	const published = await publishThread.call(
		context,
		[root, ...specs.slice(1)],
		itemIndex,
		wait,
		continueAfter,
	);
	return { ...published, mediaType: root.mediaType, status: 'PUBLISHED' };
}
