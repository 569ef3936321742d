import { attempt } from './attempt';

/**
 * Runs `run` over `inputs` with at most `limit` at a time and returns the results in input order.
 * After the first failure no new run starts; the ones under way finish, then that failure is thrown.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	run: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (failure === undefined && next < inputs.length) {
			const index = next++;
			const outcome = await attempt(async () => await run(inputs[index], index));
			if (outcome.ok) results[index] = outcome.value;
			else failure ??= { error: outcome.error };
		}
	};
	const workers = Math.max(1, Math.min(limit, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}
