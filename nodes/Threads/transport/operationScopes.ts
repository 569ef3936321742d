import type { IExecuteFunctions } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { ThreadsApiError, isThreadsApiError } from './errors';

/**
 * The `scope` to hand the transport when a request needs several permissions: the missing-permission
 * message then reads `lacks the "a" and "b" permission` and names each one.
 */
export function scopeNames(scopes: readonly string[]): string {
	return scopes.join('" and "');
}

/**
 * A missing-permission failure from a step that named only one scope, restated with every scope the
 * operation needs (Meta does not say which one is missing). Other errors are returned unchanged.
 */
export function withOperationScopes(
	context: IExecuteFunctions,
	error: unknown,
	scopes: readonly string[],
	action: string,
	itemIndex: number,
	/** Said after the usual advice, e.g. another reason Meta answers the same way. */
	hint?: string,
): unknown {
	if (!isThreadsApiError(error) || error.threadsFailure.kind !== 'missingPermission') return error;
	const restated = new ThreadsApiError(
		context.getNode(),
		error.threadsFailure,
		{ scope: scopeNames(scopes), action },
		itemIndex,
	);
	Object.assign(restated.context, error.context);
	if (hint) restated.description = `${restated.description ?? ''} ${hint}`.trim();
	return restated;
}

export interface OperationScopes {
	scopes: readonly string[];
	action: string;
	itemIndex: number;
	/** Said after the usual advice, e.g. another reason Meta answers the same way. */
	hint?: string;
}

/** Runs the operation's requests; a missing permission is restated with every scope it needs. */
export async function namingOperationScopes<T>(
	context: IExecuteFunctions,
	{ scopes, action, itemIndex, hint }: OperationScopes,
	run: () => Promise<T>,
): Promise<T> {
	const outcome = await attempt(run);
	if (outcome.ok) return outcome.value;
	throw withOperationScopes(context, outcome.error, scopes, action, itemIndex, hint);
}
