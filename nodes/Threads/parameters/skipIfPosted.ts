import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertNoProblems } from '../posts/postRules';
import type { PostSpec } from '../posts/postSpec';

/**
 * Reads and checks Skip If Already Posted Within (Minutes) before any request: a whole number of
 * minutes (0 is off), and a post the check can recognise (by its text, and not split into a thread,
 * whose parts it could not account for).
 */

export const SKIP_OPTION_NAME = 'Skip If Already Posted Within (Minutes)';
/** A day: the window of the publishing quotas, within which the check reads every post. */
export const MAX_SKIP_MINUTES = 1440;

/** The option's value (0 in version 1, which does not show it), or the problem with it. */
function readSkipMinutes(
	context: IExecuteFunctions,
	itemIndex: number,
): { minutes: number; problem?: string } {
	if (context.getNode().typeVersion < 2) return { minutes: 0 };
	const raw = (context.getNodeParameter('options', itemIndex, {}) as IDataObject)
		.skipIfPostedWithinMinutes;
	if (raw === undefined || raw === null || raw === '') return { minutes: 0 };
	const minutes = typeof raw === 'number' ? raw : Number(raw);
	if (Number.isInteger(minutes) && minutes >= 0 && minutes <= MAX_SKIP_MINUTES) return { minutes };
	return {
		minutes: 0,
		problem: `${SKIP_OPTION_NAME} must be a whole number from 0 (off) to ${MAX_SKIP_MINUTES}, got ${JSON.stringify(raw)}`,
	};
}

/** What keeps the check from telling a re-run from a new post; none when the option is off. */
function skipProblems(minutes: number, spec: PostSpec, split: boolean): string[] {
	if (minutes === 0) return [];
	if (split) {
		return [
			`${SKIP_OPTION_NAME} cannot check a text split into a thread: set When Text Is Too Long to Fail or Shorten, or set the option to 0 (a stopped thread continues with Continue Chain After Post ID)`,
		];
	}
	if ((spec.text ?? '').trim() === '') {
		return [
			`${SKIP_OPTION_NAME} recognises a post by its text, and this ${spec.mediaType.toLowerCase()} post has none: give it a text, or set the option to 0`,
		];
	}
	return [];
}

/**
 * The item's Skip If Already Posted Within in minutes (0: off), refused as the item's error before
 * any request when it is not a whole number in range or cannot check this post. `split`: When
 * Text Is Too Long is Split Into a Thread.
 */
export function readSkipIfPosted(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PostSpec,
	split: boolean,
): number {
	const { minutes, problem } = readSkipMinutes(context, itemIndex);
	assertNoProblems(context, problem ? [problem] : skipProblems(minutes, spec, split), itemIndex);
	return minutes;
}
