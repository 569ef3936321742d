import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const SECRET_FIELDS = ['appSecret', 'metaAppSecret', 'longLivedToken', 'accessToken', 'authorizationCodeSecret', 'secretAccessKey', 'sessionToken'];

/** The secret values a credential holds (tokens, app secret, code, storage keys), long enough to be unambiguous. */
export function secretsOf(data: ICredentialDataDecryptedObject): string[] {
	return SECRET_FIELDS.map((field) => data[field])
		.filter((value): value is string => typeof value === 'string' && value.length >= 8 && !value.startsWith('='));
}

/** Which of the secrets appear in the text, as field-free descriptions safe to print. */
export function findSecrets(text: string, secrets: Iterable<string>): string[] {
	const hits: string[] = [];
	for (const secret of new Set(secrets)) {
		if (text.includes(secret) || text.includes(encodeURIComponent(secret))) {
			hits.push(`${secret.slice(0, 4)}… (${secret.length} chars)`);
		}
	}
	return hits;
}

/** Captures everything written to stdout/stderr while `run` runs (n8n-core logs go there). */
export async function captureOutput<T>(run: () => Promise<T>): Promise<{ value: T; output: string }> {
	const chunks: string[] = [];
	const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
	const tap =
		(write: typeof process.stdout.write) =>
		(chunk: unknown, ...rest: unknown[]): boolean => {
			chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
			return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
		};
	process.stdout.write = tap(originals.out) as typeof process.stdout.write;
	process.stderr.write = tap(originals.err) as typeof process.stderr.write;
	try {
		const value = await run();
		return { value, output: chunks.join('') };
	} finally {
		process.stdout.write = originals.out;
		process.stderr.write = originals.err;
	}
}
