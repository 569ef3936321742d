import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `check` until it returns something other than undefined; fails after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	timeoutMs: number,
	check: () => T | undefined | Promise<T | undefined>,
	intervalMs = 500,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
		await sleep(intervalMs);
	}
}
