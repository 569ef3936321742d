import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isTokenLifecycleError } from '../auth/tokenEndpoints';
import { allowedApiBase } from '../auth/apiHost';
import { apiRoot } from '../auth/tokenLifetime';
import { clock } from '../shared/clock';
import {
	type ThreadsFailure,
	classifyMetaError,
	findMetaError,
	networkFailure,
} from '../shared/metaErrors';
import { type DescribeContext, ThreadsApiError } from './errors';
import { type Page, type WalkOptions, walkPages } from './pagination';
import { DEFAULT_RETRY, type RetryPolicy, backoffDelay, isRetryable, takeRetry } from './retry';

export const CREDENTIAL_TYPE = 'threadsOAuth2Api';

/** A running node, a list the editor loads, or a polling trigger's poll. */
export type ThreadsContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface ThreadsRequest extends DescribeContext {
	method: IHttpRequestMethods;
	/** Path under the API root, e.g. `/me/threads`. */
	path: string;
	qs?: IDataObject;
	/** Sent as a form body (Meta's documented encoding for POST parameters). */
	body?: IDataObject;
	/**
	 * Whether sending the request twice cannot change the outcome. GETs are; so is creating a
	 * container (an unpublished container expires harmlessly). Publishing is not: a request whose
	 * outcome is unknown is never resent blindly, the caller resolves it.
	 */
	retrySafe?: boolean;
	retry?: Partial<RetryPolicy>;
	itemIndex?: number;
}

const baseUrls = new WeakMap<object, string>();

async function resolveApiRoot(context: ThreadsContext): Promise<string> {
	const known = baseUrls.get(context);
	if (known) return known;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const { base, problem } = allowedApiBase(credentials);
	if (problem) {
		throw new NodeOperationError(context.getNode(), problem, {
			description: 'Nothing was sent. Fix the API Base URL in the Threads credential.',
		});
	}
	const root = apiRoot(base);
	baseUrls.set(context, root);
	return root;
}

function encodeForm(body: IDataObject): IDataObject {
	const form: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (value === undefined || value === null || value === '') continue;
		form[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
	}
	return form;
}

const MAX_CREDENTIAL_REREADS = 3;

function failureFromResponse(statusCode: number, body: unknown): ThreadsFailure | undefined {
	const meta = findMetaError(body);
	// A successful answer fails only with Graph's {"error": {...}}: a container status carries an
	// `error_message` field of its own, which looks like the token endpoint's flat error shape.
	const graphError = typeof body === 'object' && body !== null && 'error' in body;
	if (statusCode < 400 && !(meta && graphError)) return undefined;
	return { kind: classifyMetaError(meta ?? {}, statusCode), httpStatus: statusCode, body: meta };
}

/**
 * Every path is built from Meta's edge names and numeric ids. Any other segment (an id that is a
 * URL, has a slash or a query in it, or an id the API returned in an unexpected shape) is refused
 * here, before anything is sent.
 */
const PATH = /^(?:\/(?:\d{1,30}|[a-z_]{1,40}))+$/;

function checkedPath(context: ThreadsContext, request: ThreadsRequest): string {
	if (PATH.test(request.path)) return request.path;
	const segment = request.path
		.split('/')
		.find((part, index) => index > 0 && !/^(?:\d{1,30}|[a-z_]{1,40})$/.test(part));
	throw new NodeOperationError(
		context.getNode(),
		`Refused to call Threads with "${(segment ?? request.path).slice(0, 60)}" in the request path: Threads IDs are numeric`,
		{ itemIndex: request.itemIndex, description: 'Nothing was sent to Threads.' },
	);
}

/** One Threads API call with bounded retries for transient failures and clear errors for the rest. */
export async function threadsApiRequest(
	this: ThreadsContext,
	request: ThreadsRequest,
): Promise<IDataObject> {
	const policy = { ...DEFAULT_RETRY, ...request.retry };
	const retrySafe = request.retrySafe ?? request.method === 'GET';
	const root = await resolveApiRoot(this);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${root}${checkedPath(this, request)}`,
		qs: request.qs,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.body && Object.keys(request.body).length > 0) {
		options.body = encodeForm(request.body);
		options.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
	}
	const context: DescribeContext = {
		scope: request.scope,
		action: request.action,
		parameterNames: [...Object.keys(request.qs ?? {}), ...Object.keys(request.body ?? {})],
	};

	let credentialRereads = 0;
	let retries = 0;
	for (;;) {
		let failure: ThreadsFailure | undefined;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{
					...options,
					qs: options.qs ? { ...options.qs } : undefined,
				},
			)) as { statusCode: number; body: unknown };
			failure = failureFromResponse(response.statusCode, response.body);
			if (!failure) return (response.body ?? {}) as IDataObject;
		} catch (error) {
			if (isTokenLifecycleError(error)) {
				const lifecycle = findLifecycleError(error);
				if (lifecycle.kind === 'refreshConflict' && credentialRereads < MAX_CREDENTIAL_REREADS) {
					credentialRereads++;
					await clock.sleep(250 * credentialRereads);
					continue;
				}
				throw new NodeOperationError(this.getNode(), lifecycle.message, {
					itemIndex: request.itemIndex,
					description: 'The Threads credential could not provide a valid token.',
				});
			}
			failure = networkFailure(error) ?? { kind: 'unknown' };
		}
		if (
			(failure.kind === 'expiredToken' || failure.kind === 'invalidToken') &&
			credentialRereads === 0
		) {
			// Another execution may have refreshed and replaced the token since this one read it.
			credentialRereads++;
			continue;
		}
		if (
			retries < policy.maxRetries &&
			isRetryable(failure, retrySafe) &&
			takeRetry(this, request.itemIndex)
		) {
			await clock.sleep(backoffDelay(retries, policy));
			retries++;
			continue;
		}
		throw new ThreadsApiError(this.getNode(), failure, context, request.itemIndex);
	}
}

function findLifecycleError(error: unknown): { kind: string; message: string } {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as {
			name?: string;
			kind?: string;
			message?: string;
			cause?: unknown;
		};
		if (candidate.name === 'TokenLifecycleError') {
			return {
				kind: candidate.kind ?? 'unknown',
				message: candidate.message ?? 'The Threads token is not usable.',
			};
		}
		current = candidate.cause;
	}
	return { kind: 'unknown', message: 'The Threads token is not usable.' };
}

export interface PageOptions {
	returnAll: boolean;
	limit?: number;
}

/** Every result of a list (Return All) or the first `limit`, through the one pagination walker. */
export async function threadsApiRequestAllItems(
	this: ThreadsContext,
	request: ThreadsRequest,
	{ returnAll, limit = 50 }: PageOptions,
	walk: Omit<WalkOptions, 'limit'> = {},
): Promise<IDataObject[]> {
	return await walkPages(
		async (paging) =>
			(await threadsApiRequest.call(this, {
				...request,
				qs: { ...request.qs, ...paging },
			})) as Page,
		{ ...walk, limit: returnAll ? undefined : limit },
	);
}
