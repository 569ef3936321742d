import type { Clock } from '../shared/clock';

/**
 * When to ask Threads whether a container is ready. Checks happen at container ages that grow
 * geometrically (five per decade: 2 s, 3.2 s, 5 s, 8 s, 12.6 s, 20 s, 32 s, 50 s, 80 s, 126 s, 200 s,
 * 317 s for media), so a short job is noticed within a second or two and a five-minute video costs
 * about a dozen requests instead of 150 at a fixed 2 s. The price is a late check of at most
 * `growth - 1` (58 %) of the processing time, and never more than `maxIntervalMs`.
 */
export interface PollSchedule {
	/** Check once as soon as the wait starts (the container's age is unknown). */
	checkAtOnce: boolean;
	/** Container age at the first scheduled check. */
	firstCheckMs: number;
	/** Each check happens at `growth` times the age of the previous one. */
	growth: number;
	/** No two checks further apart than this. */
	maxIntervalMs: number;
	/** Give up when the container is this old; one last check happens exactly then. */
	maxWaitMs: number;
}

export const DEFAULT_MAX_WAIT_MS = 5 * 60 * 1000;
export const FIVE_PER_DECADE = 10 ** (1 / 5);

export type ScheduleKind = 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL' | 'UNKNOWN';

export function scheduleFor(kind: ScheduleKind, maxWaitMs = DEFAULT_MAX_WAIT_MS): PollSchedule {
	const base = { growth: FIVE_PER_DECADE, maxIntervalMs: 120_000, maxWaitMs };
	switch (kind) {
		case 'TEXT':
			// Text containers are ready at once; a check only follows an early publish.
			return { ...base, checkAtOnce: true, firstCheckMs: 1000 };
		case 'CAROUSEL':
			// A carousel container only assembles finished items: usually quick.
			return { ...base, checkAtOnce: false, firstCheckMs: 1000 };
		case 'UNKNOWN':
			return { ...base, checkAtOnce: true, firstCheckMs: 2000 };
		default:
			return { ...base, checkAtOnce: false, firstCheckMs: 2000 };
	}
}

/** The container ages (ms) at which checks happen, up to and including the deadline. */
export function checkAges(schedule: PollSchedule): number[] {
	const ages: number[] = schedule.checkAtOnce ? [0] : [];
	let age = schedule.firstCheckMs;
	while (age < schedule.maxWaitMs) {
		ages.push(Math.round(age));
		age = Math.min(age * schedule.growth, age + schedule.maxIntervalMs);
	}
	ages.push(schedule.maxWaitMs);
	return ages;
}

export type PollOutcome<T> = { done: true; value: T } | { done: false };

export interface PollResult<T> {
	value?: T;
	checks: number;
	waitedMs: number;
}

/**
 * Calls `check` at the ages of `schedule`, counted from `origin` (when the container was created),
 * until it reports done or the deadline's check has been made. A check that ran long skips the
 * ages it overran rather than catching up with a burst.
 */
export async function pollUntil<T>(
	check: () => Promise<PollOutcome<T>>,
	schedule: PollSchedule,
	clock: Clock,
	origin: number = clock.now(),
): Promise<PollResult<T>> {
	const ages = checkAges(schedule);
	let checks = 0;
	let index = 0;
	for (;;) {
		const at = origin + ages[index];
		const now = clock.now();
		if (at > now) await clock.sleep(at - now);
		checks++;
		const outcome = await check();
		if (outcome.done) return { value: outcome.value, checks, waitedMs: clock.now() - origin };
		const after = clock.now();
		do index++;
		while (index < ages.length - 1 && origin + ages[index] <= after);
		if (index >= ages.length) return { checks, waitedMs: after - origin };
	}
}
