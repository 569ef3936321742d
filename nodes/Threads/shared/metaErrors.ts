/**
 * Meta's error vocabulary: the shapes its errors come in and what kind of failure each is. Shared by
 * the transport (API calls) and auth (token endpoints), which decide what to do about them.
 */
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

/**
 * Meta documents no code for publishing a container twice; it answers 100 with this subcode (and an
 * English message that may change or be translated), so the subcode is recognised on its own.
 */
const ALREADY_PUBLISHED_SUBCODE = 4279023;
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
	if (
		subcode === ALREADY_PUBLISHED_SUBCODE ||
		/already (been )?published/i.test(body.message ?? '')
	) {
		return 'alreadyPublished';
	}
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

export function isRecord(value: unknown): value is Record<string, unknown> {
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
