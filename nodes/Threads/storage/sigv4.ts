import { createHash, createHmac } from 'crypto';

/**
 * AWS Signature Version 4 on node:crypto alone: the Authorization header and presigned query
 * URLs, as S3 and S3-compatible stores (R2, B2, MinIO, Ceph) check them.
 */

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface SigningKeys {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

export interface SigningScope {
	region: string;
	/** `s3` for storage; AWS's generic test suite uses `service`. */
	service: string;
}

export type QueryEntries = Array<[string, string]>;

/** RFC 3986 encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - . _ ~ as %XX (uppercase). */
export function encodeRfc3986(text: string): string {
	return encodeURIComponent(text).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** An object key as a URL path: each segment encoded once (S3 does not double-encode), slashes kept. */
export function encodeKeyPath(key: string): string {
	return key.split('/').map(encodeRfc3986).join('/');
}

/** The canonical query string: pairs encoded, then sorted by name and value. */
export function canonicalQuery(entries: QueryEntries): string {
	return entries
		.map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)])
		.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
		.map(([name, value]) => `${name}=${value}`)
		.join('&');
}

/** The query of a URL as decoded pairs (`?uploads` gives `['uploads', '']`); `+` stays a plus. */
export function queryEntries(search: string): QueryEntries {
	const text = search.startsWith('?') ? search.slice(1) : search;
	if (text === '') return [];
	return text.split('&').map((pair) => {
		const equals = pair.indexOf('=');
		const name = equals < 0 ? pair : pair.slice(0, equals);
		const value = equals < 0 ? '' : pair.slice(equals + 1);
		return [decodeURIComponent(name), decodeURIComponent(value)];
	});
}

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
	return now
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data).digest();
}

function signature(
	secretAccessKey: string,
	scope: SigningScope,
	stamp: string,
	stringToSign: string,
): string {
	const day = hmac(`AWS4${secretAccessKey}`, stamp.slice(0, 8));
	const key = hmac(hmac(hmac(day, scope.region), scope.service), 'aws4_request');
	return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function credentialScope(scope: SigningScope, stamp: string): string {
	return `${stamp.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
}

interface Canonical {
	method: string;
	/** Already encoded, as sent on the wire. */
	path: string;
	query: QueryEntries;
	/** Lowercase names, trimmed values. */
	headers: Record<string, string>;
	payloadHash: string;
}

function canonicalRequest(request: Canonical): { text: string; signedHeaders: string } {
	const names = Object.keys(request.headers).sort();
	const headerLines = names.map((name) => `${name}:${request.headers[name]}\n`).join('');
	const signedHeaders = names.join(';');
	const text = [
		request.method.toUpperCase(),
		request.path === '' ? '/' : request.path,
		canonicalQuery(request.query),
		headerLines,
		signedHeaders,
		request.payloadHash,
	].join('\n');
	return { text, signedHeaders };
}

function normalizeHeaders(headers: Record<string, string>): Record<string, string> {
	const normalized: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		normalized[name.toLowerCase()] = String(value).trim().replace(/\s+/g, ' ');
	}
	return normalized;
}

export interface RequestToSign {
	method: string;
	/** Absolute URL with an encoded path; its query is signed too. */
	url: string;
	/** Headers to sign besides host and x-amz-date (added when missing). */
	headers?: Record<string, string>;
	payloadHash: string;
}

export interface SignedHeaders {
	/** Every header to send: the given ones, x-amz-date, the session token and Authorization. */
	headers: Record<string, string>;
	signature: string;
}

/** Signs a request in the Authorization header. */
export function signRequest(
	request: RequestToSign,
	keys: SigningKeys,
	scope: SigningScope,
	now: Date,
): SignedHeaders {
	const url = new URL(request.url);
	const stamp = amzDate(now);
	const headers = normalizeHeaders(request.headers ?? {});
	headers.host ??= url.host;
	headers['x-amz-date'] ??= stamp;
	if (keys.sessionToken) headers['x-amz-security-token'] = keys.sessionToken;
	const { text, signedHeaders } = canonicalRequest({
		method: request.method,
		path: url.pathname,
		query: queryEntries(url.search),
		headers,
		payloadHash: request.payloadHash,
	});
	const stringToSign = [
		ALGORITHM,
		headers['x-amz-date'],
		credentialScope(scope, stamp),
		sha256Hex(text),
	].join('\n');
	const sig = signature(keys.secretAccessKey, scope, stamp, stringToSign);
	const authorization = `${ALGORITHM} Credential=${keys.accessKeyId}/${credentialScope(scope, stamp)}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
	// Node's HTTP client sends Host from the URL itself.
	const toSend: Record<string, string> = { ...headers, authorization };
	delete toSend.host;
	return { headers: toSend, signature: sig };
}

/** A URL anyone can GET until it expires (`expiresIn` seconds, at most 7 days), signed in its query. */
export function presignUrl(
	url: string,
	keys: SigningKeys,
	scope: SigningScope,
	now: Date,
	expiresIn: number,
	method = 'GET',
): string {
	const target = new URL(url);
	const stamp = amzDate(now);
	const query: QueryEntries = [
		...queryEntries(target.search),
		['X-Amz-Algorithm', ALGORITHM],
		['X-Amz-Credential', `${keys.accessKeyId}/${credentialScope(scope, stamp)}`],
		['X-Amz-Date', stamp],
		['X-Amz-Expires', String(expiresIn)],
		['X-Amz-SignedHeaders', 'host'],
	];
	if (keys.sessionToken) query.push(['X-Amz-Security-Token', keys.sessionToken]);
	const { text } = canonicalRequest({
		method,
		path: target.pathname,
		query,
		headers: { host: target.host },
		payloadHash: UNSIGNED_PAYLOAD,
	});
	const stringToSign = [ALGORITHM, stamp, credentialScope(scope, stamp), sha256Hex(text)].join(
		'\n',
	);
	const sig = signature(keys.secretAccessKey, scope, stamp, stringToSign);
	return `${target.origin}${target.pathname}?${canonicalQuery(query)}&X-Amz-Signature=${sig}`;
}
