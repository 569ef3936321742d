import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	canonicalQuery,
	EMPTY_SHA256,
	type QueryEntries,
	queryEntries,
	sha256Hex,
	signRequest,
	UNSIGNED_PAYLOAD,
} from './sigv4';
import { objectUrl, signingScope, type StorageSettings } from './storageSettings';

const CONTENT_SHA256 = 'x-amz-content-sha256';

function payloadHash(body: IHttpRequestOptions['body'], given: string | undefined): string {
	if (given) return given;
	if (body === undefined || body === null || body === '') return EMPTY_SHA256;
	if (typeof body === 'string' || body instanceof Uint8Array) return sha256Hex(body);
	if (typeof body === 'object' && Object.keys(body).length === 0) return EMPTY_SHA256;
	// A stream or form body cannot be hashed before it is sent.
	return UNSIGNED_PAYLOAD;
}

function qsEntries(qs: IDataObject | undefined): QueryEntries {
	return Object.entries(qs ?? {})
		.filter(([, value]) => value !== undefined && value !== null)
		.map(([name, value]) => [name, String(value)]);
}

/** Absolute URLs are signed as they are; a path (`/`, `/<encoded key>?uploads`) is one in the bucket. */
function targetUrl(settings: StorageSettings, requestOptions: IHttpRequestOptions): URL {
	const given = `${requestOptions.baseURL ?? ''}${requestOptions.url}`;
	if (/^https?:\/\//i.test(given)) return new URL(given);
	const mark = given.indexOf('?');
	const path = mark < 0 ? given : given.slice(0, mark);
	const search = mark < 0 ? '' : given.slice(mark + 1);
	const bucketUrl = new URL(objectUrl(settings, ''));
	const base = bucketUrl.pathname.replace(/\/+$/, '');
	return new URL(
		`${bucketUrl.origin}${base}${path.startsWith('/') ? path : `/${path}`}${search ? `?${search}` : ''}`,
	);
}

/**
 * What the credential's `authenticate` does to every request: resolves a bucket path to the
 * object URL, folds `qs` into the URL in canonical order (so what is signed is what is sent), and
 * adds SigV4 headers. The payload is hashed when it is a Buffer or a string.
 */
export function signStorageRequest(
	settings: StorageSettings,
	requestOptions: IHttpRequestOptions,
	now: Date,
): IHttpRequestOptions {
	const url = targetUrl(settings, requestOptions);
	const query = [...queryEntries(url.search), ...qsEntries(requestOptions.qs)];
	const finalUrl = `${url.origin}${url.pathname}${query.length ? `?${canonicalQuery(query)}` : ''}`;
	const headers: Record<string, string> = {};
	let givenHash: string | undefined;
	for (const [name, value] of Object.entries(requestOptions.headers ?? {})) {
		const lower = name.toLowerCase();
		if (lower === 'authorization' || lower === 'x-amz-date' || lower === 'x-amz-security-token')
			continue;
		if (lower === CONTENT_SHA256) givenHash = String(value);
		else headers[name] = String(value);
	}
	const hash = payloadHash(requestOptions.body, givenHash);
	const signed = signRequest(
		{
			method: requestOptions.method ?? 'GET',
			url: finalUrl,
			headers: { [CONTENT_SHA256]: hash },
			payloadHash: hash,
		},
		settings.keys,
		signingScope(settings),
		now,
	);
	const signedOptions: IHttpRequestOptions = {
		...requestOptions,
		url: finalUrl,
		headers: { ...headers, ...signed.headers },
	};
	delete signedOptions.baseURL;
	delete signedOptions.qs;
	return signedOptions;
}
