import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import type { PostSpec, WaitSettings } from '../posts/postSpec';
import { asReplyTo } from '../posts/threadParts';
import { renewRetryBudget } from '../transport/retry';
import { readPermalink } from './permalink';
import { publishPost } from './publishPost';
import { threadStopped, unidentifiedPart } from './threadErrors';
import { publishedPartsUpTo } from './threadResume';

export interface ThreadResult extends IDataObject {
	/** The root post. */
	id: string;
	/** The root post's permalink, unless Include Permalink is off (null if it could not be read). */
	permalink?: string | null;
	/** Every part's post, in order from the root. */
	ids: string[];
	parts: number;
	/** When continuing: the parts found published before this run, and how many this run sent. */
	alreadyPublished?: number;
	sentNow?: number;
}

/**
 * Publishes a thread: each part with Publish's engine (create, wait, publish exactly once, the
 * lost-answer lookup), as a reply to the part before, and only once that part is confirmed
 * published. A part that fails stops the thread: the error names the parts already out, which are
 * never sent again, and the ID to continue after. Each part gets a Publish item's retry budget.
 */
export async function publishThread(
	this: IExecuteFunctions,
	specs: PostSpec[],
	itemIndex: number,
	wait: WaitSettings,
	continueAfter?: string,
): Promise<ThreadResult> {
	const ids = continueAfter
		? await publishedPartsUpTo.call(this, specs, continueAfter, itemIndex)
		: [];
	const alreadyPublished = ids.length;
	for (let k = ids.length; k < specs.length; k++) {
		renewRetryBudget(this, itemIndex);
		const spec = k === 0 ? specs[0] : asReplyTo(specs[k], ids[k - 1]);
		// The root's permalink is read once at the end, not after every part.
		const partWait = { ...wait, includePermalink: false };
		const published = await attempt(
			async () => await publishPost.call(this, spec, itemIndex, partWait),
		);
		const progress = { publishedIds: ids, failedPart: k + 1, parts: specs.length };
		if (!published.ok) throw threadStopped(this.getNode(), published.error, progress, itemIndex);
		if (!published.value.id) {
			const error = unidentifiedPart(this.getNode(), k === 0, itemIndex);
			throw threadStopped(this.getNode(), error, progress, itemIndex);
		}
		ids.push(published.value.id);
	}
	const result: ThreadResult = { id: ids[0], ids, parts: specs.length };
	if (wait.includePermalink) result.permalink = await readPermalink.call(this, ids[0], itemIndex);
	if (continueAfter) {
		result.alreadyPublished = alreadyPublished;
		result.sentNow = specs.length - alreadyPublished;
	}
	return result;
}
