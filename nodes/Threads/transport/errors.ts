import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Meta's error object, as found under `error` in a Graph response. */
export interface MetaErrorBody {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	is_transient?: boolean;
	fbtrace_id?: string;
}

export type ErrorKind =
	| 'expiredToken'
	| 'invalidToken'
	| 'missingPermission'
	| 'invalidParameter'
	| 'throttled'
	| 'transient'
	| 'mediaNotFound'
	| 'mediaDownloadFailed'
	| 'quotaReached'
	| 'temporarilyBlocked'
	| 'alreadyPublished'
	| 'notFound'
	| 'network'
	| 'unknown';

export interface ThreadsFailure {
	kind: ErrorKind;
	httpStatus?: number;
	body?: MetaErrorBody;
	/** For network failures: whether the request may have reached the server. */
	mayHaveTakenEffect?: boolean;
	networkCode?: string;
}

const THROTTLE_CODES = new Set([4, 17, 32, 341, 613]);
const PERMISSION_CODES = new Set([3, 10]);
const NOT_SENT_NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const SENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function classifyMetaError(body: MetaErrorBody, httpStatus?: number): ErrorKind {
	const code = Number(body.code);
	const subcode = Number(body.error_subcode);
	if (code === 190 || code === 102) {
		return subcode === 463 || /expired/i.test(body.message ?? '') ? 'expiredToken' : 'invalidToken';
	}
	if (code === 24 && subcode === 4279009) return 'mediaNotFound';
	if (subcode === 2207052) return 'mediaDownloadFailed';
	if (code === 9 || subcode === 2207042) return 'quotaReached';
	if (code === 368) return 'temporarilyBlocked';
	if (THROTTLE_CODES.has(code)) return 'throttled';
	if (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299)) return 'missingPermission';
	if (/already (been )?published/i.test(body.message ?? '')) return 'alreadyPublished';
	if (code === 1 || code === 2 || body.is_transient === true) return 'transient';
	if (
		code === 100 &&
		/does not exist|nonexisting node|unsupported get request/i.test(body.message ?? '')
	) {
		return 'notFound';
	}
	if (code === 100) return 'invalidParameter';
	if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
	return 'unknown';
}

/** Removes token-like values from any text that could reach a user or a log. */
export function redactSecrets(text: string): string {
	return text
		.replace(/(access_token|client_secret|code|refresh_token)=([^&\s"']+)/gi, '$1=[redacted]')
		.replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/g, 'Bearer [redacted]')
		.replace(/\bTH[A-Za-z0-9_-]{20,}/g, '[redacted token]');
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** Finds Meta's error object in any of the shapes a response or a thrown error can take. */
export function findMetaError(value: unknown): MetaErrorBody | undefined {
	if (!isRecord(value)) return undefined;
	if (isRecord(value.error) && ('code' in value.error || 'message' in value.error)) {
		return value.error as MetaErrorBody;
	}
	if ('error_message' in value || 'error_type' in value) {
		// The token endpoint's own shape.
		return {
			message: String(value.error_message ?? ''),
			type: String(value.error_type ?? ''),
			code: Number(value.code),
		};
	}
	return undefined;
}

export function networkFailure(error: unknown): ThreadsFailure | undefined {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && isRecord(current); depth++) {
		if (typeof current.code === 'string') codes.push(current.code);
		current = current.cause;
	}
	const message = isRecord(error) && typeof error.message === 'string' ? error.message : '';
	const code = codes.find(
		(candidate) => NOT_SENT_NETWORK_CODES.has(candidate) || SENT_NETWORK_CODES.has(candidate),
	);
	if (code) {
		return {
			kind: 'network',
			networkCode: code,
			mayHaveTakenEffect: !NOT_SENT_NETWORK_CODES.has(code),
		};
	}
	if (/socket hang up|ECONNRESET|timeout|network error|aborted/i.test(message)) {
		return { kind: 'network', networkCode: 'ECONNRESET', mayHaveTakenEffect: true };
	}
	return undefined;
}

export interface DescribeContext {
	/** The scope the operation needs, named in a missing-permission error. */
	scope?: string;
	/** What the request was doing, e.g. "publish container 1789". */
	action?: string;
	/** Parameter names the request carried, used to name the one Meta rejects. */
	parameterNames?: string[];
}

const REAUTHORIZE_HINT =
	'Open the Threads credential and authorize again (paste a new authorization code or access token). See https://github.com/n8n-nodes-meta-threads/n8n-nodes-meta-threads#troubleshooting';

function rejectedParameter(body: MetaErrorBody, names: string[] = []): string | undefined {
	const text = `${body.message ?? ''} ${body.error_user_msg ?? ''}`;
	const explicit = /param(?:eter)?\s+([a-z_]+)/i.exec(text);
	if (explicit) return explicit[1];
	return names.find((name) => new RegExp(`\\b${name}\\b`).test(text));
}

export function describeFailure(
	failure: ThreadsFailure,
	context: DescribeContext = {},
): { message: string; description: string } {
	const body = failure.body ?? {};
	const metaText = redactSecrets(
		[body.error_user_title, body.error_user_msg ?? body.message].filter(Boolean).join(': '),
	);
	const detail = metaText ? `Threads said: ${metaText}` : '';
	const during = context.action ? ` while trying to ${context.action}` : '';
	switch (failure.kind) {
		case 'expiredToken':
			return {
				message: 'The Threads access token has expired',
				description: `${REAUTHORIZE_HINT}. ${detail}`.trim(),
			};
		case 'invalidToken':
			return {
				message: 'Threads rejected the access token (invalid or revoked)',
				description: `${REAUTHORIZE_HINT}. ${detail}`.trim(),
			};
		case 'missingPermission':
			return {
				message: context.scope
					? `The Threads token lacks the "${context.scope}" permission`
					: 'The Threads token lacks a permission this operation needs',
				description:
					`Add ${context.scope ? `"${context.scope}"` : 'the permission'} to the credential's scopes, make sure the Threads app has it enabled in Meta's app dashboard, then authorize again. ${detail}`.trim(),
			};
		case 'invalidParameter': {
			const parameter = rejectedParameter(body, context.parameterNames);
			return {
				message: parameter
					? `Threads rejected the parameter "${parameter}"`
					: `Threads rejected a parameter${during}`,
				description: detail || 'Check the values of the node parameters.',
			};
		}
		case 'throttled':
			return {
				message: 'Threads is rate limiting this app or account',
				description:
					`Wait a while before running the workflow again, or lower how often it runs. ${detail}`.trim(),
			};
		case 'transient':
			return {
				message: `Threads had a temporary problem${during}`,
				description: detail || 'Try again later.',
			};
		case 'mediaNotFound':
			return {
				message: 'Threads has not finished processing the media yet (Media Not Found)',
				description:
					`The container was published before Meta had it ready. Publish it again after a short wait, or use the operations that wait for processing. ${detail}`.trim(),
			};
		case 'mediaDownloadFailed':
			return {
				message: 'Threads could not download the media from its URL',
				description:
					`The image or video URL must be publicly reachable over http(s) without login, redirects to a login page, or expiring signatures. ${detail}`.trim(),
			};
		case 'quotaReached':
			return {
				message: 'The Threads publishing limit for the last 24 hours is reached',
				description:
					`Threads allows 250 posts and 1000 replies per moving 24 hours. Use User > Get Publishing Limit to see when there is room again. ${detail}`.trim(),
			};
		case 'temporarilyBlocked':
			return {
				message: 'Threads has temporarily blocked this action for the account',
				description: `Wait before trying again. ${detail}`.trim(),
			};
		case 'alreadyPublished':
			return { message: 'The container was already published', description: detail };
		case 'notFound':
			return {
				message: `Threads could not find the object${during}`,
				description: detail || 'Check the id.',
			};
		case 'network':
			return {
				message: `Could not reach Threads${during} (${failure.networkCode ?? 'network error'})`,
				description: failure.mayHaveTakenEffect
					? 'The connection broke after the request was sent, so it may or may not have taken effect.'
					: 'The request did not reach the server.',
			};
		default:
			return {
				message: `Threads returned an error${during}${failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : ''}`,
				description: detail,
			};
	}
}

/** Raised for any failed Threads request; carries the classified failure for callers that recover. */
export class ThreadsApiError extends NodeApiError {
	readonly threadsFailure: ThreadsFailure;

	constructor(
		node: INode,
		failure: ThreadsFailure,
		context: DescribeContext = {},
		itemIndex?: number,
	) {
		const { message, description } = describeFailure(failure, context);
		const response: JsonObject = failure.body
			? {
					error: {
						message: redactSecrets(failure.body.message ?? ''),
						type: failure.body.type ?? null,
						code: failure.body.code ?? null,
						error_subcode: failure.body.error_subcode ?? null,
						fbtrace_id: failure.body.fbtrace_id ?? null,
					},
				}
			: { message };
		super(node, response, {
			message,
			description,
			httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
			itemIndex,
		});
		this.threadsFailure = failure;
	}
}

export function isThreadsApiError(error: unknown): error is ThreadsApiError {
	return (
		error instanceof ThreadsApiError ||
		(isRecord(error) && isRecord(error.threadsFailure) && 'kind' in error.threadsFailure)
	);
}
