import type { Clock } from './clock';

export interface PollSchedule {
	/** Delay before the first check. */
	firstDelayMs: number;
	/** Each delay is the previous one times this. */
	growth: number;
	/** No delay grows past this. */
	maxDelayMs: number;
	/** Give up after this much time in total. */
	maxWaitMs: number;
}

export const DEFAULT_MAX_WAIT_MS = 5 * 60 * 1000;

export function scheduleFor(mediaType: string, maxWaitMs = DEFAULT_MAX_WAIT_MS): PollSchedule {
	const firstDelayMs = mediaType === 'TEXT' ? 0 : mediaType === 'VIDEO' ? 2000 : 1000;
	return { firstDelayMs, growth: 1.6, maxDelayMs: 30000, maxWaitMs };
}

export type PollOutcome<T> = { done: true; value: T } | { done: false };

/**
 * Calls `check` on a growing schedule until it reports done or the wait runs out. Returns the last
 * value, or undefined on timeout, together with how many checks were made.
 */
export async function pollUntil<T>(
	check: () => Promise<PollOutcome<T>>,
	schedule: PollSchedule,
	clock: Clock,
): Promise<{ value?: T; checks: number; waitedMs: number }> {
	const start = clock.now();
	let delay = schedule.firstDelayMs;
	let checks = 0;
	for (;;) {
		const elapsed = clock.now() - start;
		const remaining = schedule.maxWaitMs - elapsed;
		if (remaining <= 0) return { checks, waitedMs: elapsed };
		if (delay > 0) await clock.sleep(Math.min(delay, remaining));
		checks++;
		const outcome = await check();
		if (outcome.done) return { value: outcome.value, checks, waitedMs: clock.now() - start };
		delay = Math.min(
			schedule.maxDelayMs,
			Math.max(500, delay === 0 ? 500 : delay * schedule.growth),
		);
	}
}
