import { TokenLifecycleError } from './tokenEndpoints';

/**
 * Executions of one credential run at once, in one n8n process or several (queue mode), and n8n
 * holds no lock around a credential's preAuthentication: a just-pasted authorization code can be
 * exchanged by several executions together. Meta honours the first and refuses the others as
 * "already used", while the first one stores the token. The refusal becomes a 'refreshConflict',
 * so the transport re-reads the stored credential and tries again; if the code was really bad,
 * the re-reads find the same code and the user gets the code's own message.
 */
export function codeUsedElsewhere(error: unknown): never {
	if (error instanceof TokenLifecycleError && error.kind === 'badCode') {
		throw new TokenLifecycleError('refreshConflict', error.message);
	}
	throw error;
}
