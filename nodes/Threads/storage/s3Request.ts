import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { clock } from '../shared/clock';

import { describeS3Failure } from './s3Errors';
import { canonicalQuery, encodeKeyPath } from './sigv4';
import { STORAGE_CREDENTIAL_TYPE, type StorageSettings } from './storageSettings';

/** A running node: its helpers make the requests, the credential signs them. */
export type StorageContext = IExecuteFunctions;

export interface S3Call {
	method: IHttpRequestMethods;
	/** The object's key; empty for the bucket itself. */
	key: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	body?: Buffer | string;
	/** e.g. `upload "threads-media/…/a.jpg"`, for messages. */
	action: string;
	/** Whether sending it again cannot change the outcome (PUT of the same bytes, DELETE, HEAD). */
	retrySafe: boolean;
}

export interface S3Answer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: string;
}

/** Pauses before the 2nd and 3rd tries of a request that is safe to repeat. */
const RETRY_DELAYS_MS = [500, 2000];

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return body === undefined || body === null ? '' : JSON.stringify(body);
}

type Outcome = { answer: S3Answer } | { networkError: string };

async function sendOnce(context: StorageContext, options: IHttpRequestOptions): Promise<Outcome> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			STORAGE_CREDENTIAL_TYPE,
			{ ...options, headers: { ...options.headers } },
		)) as IN8nHttpFullResponse;
		return {
			answer: {
				statusCode: response.statusCode,
				headers: response.headers,
				body: bodyText(response.body),
			},
		};
	} catch (error) {
		const cause = (error as { cause?: { code?: unknown } }).cause;
		const code = (error as { code?: unknown }).code ?? cause?.code;
		// Only the error code: n8n's error objects also hold the request, and with it any session token.
		return {
			networkError:
				typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'network error',
		};
	}
}

function storageError(
	context: StorageContext,
	fields: JsonObject,
	message: string,
	description: string,
	httpCode?: number,
): NodeApiError {
	return new NodeApiError(context.getNode(), fields, {
		message,
		description,
		httpCode: httpCode === undefined ? undefined : String(httpCode),
	});
}

/** One S3 request, signed by the credential; 2xx answers come back, anything else is thrown in plain words. */
export async function s3Request(
	context: StorageContext,
	settings: StorageSettings,
	call: S3Call,
): Promise<S3Answer> {
	const search = canonicalQuery(Object.entries(call.query ?? {}));
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `/${encodeKeyPath(call.key)}${search ? `?${search}` : ''}`,
		headers: call.headers ?? {},
		body: call.body,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (call.body === undefined) delete options.body;
	const host = new URL(settings.endpoint).host;
	for (let attempt = 0; ; attempt++) {
		const outcome = await sendOnce(context, options);
		const canRetry = call.retrySafe && attempt < RETRY_DELAYS_MS.length;
		if ('networkError' in outcome) {
			if (canRetry) {
				await clock.sleep(RETRY_DELAYS_MS[attempt]);
				continue;
			}
			throw storageError(
				context,
				{ code: outcome.networkError },
				`Could not reach the storage at ${host} (${outcome.networkError}) to ${call.action}`,
				'Check the Endpoint in the S3-Compatible Storage credential and that this n8n can reach it.',
			);
		}
		const { answer } = outcome;
		// CompleteMultipartUpload can answer 200 with an <Error> body.
		if (answer.statusCode < 300 && !answer.body.includes('<Error>')) return answer;
		const failure = describeS3Failure(answer.statusCode, answer.body, {
			action: call.action,
			settings,
		});
		if (failure.transient && canRetry) {
			await clock.sleep(RETRY_DELAYS_MS[attempt]);
			continue;
		}
		throw storageError(
			context,
			{ status: answer.statusCode },
			failure.message,
			failure.description,
			answer.statusCode,
		);
	}
}
