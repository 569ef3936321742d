export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `run` and returns its outcome as a value, so callers branch on failures outside a catch block. */
export async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await run() };
	} catch (error) {
		return { ok: false, error };
	}
}
