import { sleep } from 'n8n-workflow';

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/**
 * The one clock every wait in this node goes through (retries, polling, token timing). Tests and
 * benchmarks swap its functions to run on simulated time; in n8n it is the real clock.
 */
export const clock: Clock = {
	now: () => Date.now(),
	sleep: async (ms: number) => await sleep(ms),
};
