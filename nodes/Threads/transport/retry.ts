import type { ThreadsFailure } from '../shared/metaErrors';
import { clock } from '../shared/clock';

/**
 * When to try a request again. The transport retries throttling and transient failures itself;
 * the publishing engine re-asks on purpose in a few places (Media Not Found right after processing,
 * a publish whose answer was lost). Every one of those retries, wherever it is made, draws from the
 * same budget per item, so loops inside loops cannot multiply into hours of retrying.
 */

export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 15000 };

/** Retries one input item may make in one execution, all kinds together. */
export const RETRY_BUDGET_PER_ITEM = 40;

/** Whether a failure may be retried: throttling and unsent requests always, the rest only when repeating is safe. */
export function isRetryable(failure: ThreadsFailure, retrySafe: boolean): boolean {
	switch (failure.kind) {
		case 'throttled':
			return true;
		case 'network':
			return retrySafe || failure.mayHaveTakenEffect === false;
		case 'transient':
			return retrySafe;
		default:
			return false;
	}
}

/** Exponential backoff with full jitter. */
export function backoffDelay(
	attempt: number,
	policy: RetryPolicy,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const spentByContext = new WeakMap<object, Map<number, number>>();

/** Takes one retry from the item's budget; false once it is used up. */
export function takeRetry(context: object, itemIndex = 0): boolean {
	let spent = spentByContext.get(context);
	if (!spent) {
		spent = new Map();
		spentByContext.set(context, spent);
	}
	const used = spent.get(itemIndex) ?? 0;
	if (used >= RETRY_BUDGET_PER_ITEM) return false;
	spent.set(itemIndex, used + 1);
	return true;
}

/**
 * Gives an item a fresh budget, for a step that is a whole publish of its own: each part of a thread
 * gets what one Publish item gets.
 */
export function renewRetryBudget(context: object, itemIndex = 0): void {
	spentByContext.get(context)?.delete(itemIndex);
}

/**
 * Waits `delayMs` before a retry when the item's budget still has one, and says whether the caller
 * may go ahead. When it returns false nothing was waited: the caller gives up with the error it has.
 */
export async function waitToRetry(
	context: object,
	itemIndex: number | undefined,
	delayMs: number,
): Promise<boolean> {
	if (!takeRetry(context, itemIndex)) return false;
	await clock.sleep(delayMs);
	return true;
}
