import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { apiRoot, normalizeBaseUrl } from './tokenLifetime';
import { classifyMetaError, findMetaError, networkFailure } from '../shared/metaErrors';
import { redactSecrets } from '../shared/redact';

export type HttpRequest = IHttpRequestHelper['helpers']['httpRequest'];

export type TokenErrorKind =
	| 'reauthorize'
	| 'badSecret'
	| 'wrongApp'
	| 'badCode'
	| 'notExchangeable'
	| 'refreshTooEarly'
	| 'refreshConflict'
	| 'badHost'
	| 'network'
	| 'unknown';

/** A token-endpoint failure, with a message that never contains a secret. */
export class TokenLifecycleError extends Error {
	readonly kind: TokenErrorKind;

	constructor(kind: TokenErrorKind, message: string) {
		super(redactSecrets(message));
		this.name = 'TokenLifecycleError';
		this.kind = kind;
	}
}

export function isTokenLifecycleError(error: unknown): error is TokenLifecycleError {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
		if ((current as { name?: string }).name === 'TokenLifecycleError') return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

export interface TokenResponse {
	accessToken: string;
	expiresInSeconds?: number;
	userId?: string;
}

export const REAUTHORIZE =
	'Authorize the Threads credential again: paste a new authorization code (or a new access token) into the credential and save it. How: https://github.com/n8n-nodes-meta-threads/n8n-nodes-meta-threads#create-the-meta-app-and-the-credential';

function interpret(step: string, status: number, body: unknown): TokenLifecycleError {
	const meta = findMetaError(body) ?? {};
	const text = `${meta.message ?? ''}`;
	const kind = classifyMetaError(meta, status);
	if (/client.?secret|app.?secret|secret/i.test(text) || meta.code === 101) {
		return new TokenLifecycleError(
			'badSecret',
			`Meta rejected the app secret when asked to ${step}. Use the Threads app secret (App Dashboard > Use cases > Threads API > Settings), not the Meta app secret.`,
		);
	}
	if (
		meta.error_subcode === 4476002 ||
		meta.code === 4476002 ||
		/app id|client_id|invalid platform app|application/i.test(text)
	) {
		return new TokenLifecycleError(
			'wrongApp',
			`Meta does not know this app ID, so it would not ${step}. Use the Threads app ID (App Dashboard > Use cases > Threads API > Settings), not the Meta app ID.`,
		);
	}
	if (/code/i.test(text) && /(used|expired|invalid|match)/i.test(text)) {
		return new TokenLifecycleError(
			'badCode',
			`The authorization code was already used, has expired (codes live 1 hour), or its redirect URI does not match. Open the authorization URL again to get a fresh code. Threads said: ${text}`,
		);
	}
	if (kind === 'expiredToken' || kind === 'invalidToken') {
		return new TokenLifecycleError(
			'reauthorize',
			`The token has expired or was revoked, so Threads would not ${step}. ${REAUTHORIZE}`,
		);
	}
	return new TokenLifecycleError(
		'unknown',
		`Threads would not ${step} (HTTP ${status}). Threads said: ${text || 'no details'}`,
	);
}

async function callTokenEndpoint(
	http: HttpRequest,
	step: string,
	options: IHttpRequestOptions,
): Promise<IDataObject> {
	const sent = await attempt(
		async () =>
			(await http({
				...options,
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; body: unknown },
	);
	if (!sent.ok) {
		const network = networkFailure(sent.error);
		throw new TokenLifecycleError(
			'network',
			`Could not reach Threads to ${step} (${network?.networkCode ?? 'network error'}). Check that n8n can reach the API host, then try again.`,
		);
	}
	const response = sent.value;
	const body = typeof response.body === 'string' ? safeJson(response.body) : response.body;
	if (response.statusCode >= 400 || findMetaError(body)) {
		throw interpret(step, response.statusCode, body);
	}
	return (body ?? {}) as IDataObject;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return { error: { message: text.slice(0, 200) } };
	}
}

function toTokenResponse(step: string, body: IDataObject): TokenResponse {
	if (typeof body.access_token !== 'string' || body.access_token === '') {
		throw new TokenLifecycleError('unknown', `Threads answered without an access token when asked to ${step}.`);
	}
	return {
		accessToken: body.access_token,
		expiresInSeconds: body.expires_in === undefined ? undefined : Number(body.expires_in),
		userId: body.user_id === undefined ? undefined : String(body.user_id),
	};
}

/** Authorization code -> short-lived token (1 h). */
export async function exchangeCodeForShortLivedToken(
	http: HttpRequest,
	input: {
		baseUrl?: string;
		clientId: string;
		clientSecret: string;
		code: string;
		redirectUri: string;
	},
): Promise<TokenResponse> {
	const step = 'exchange the authorization code';
	const body = await callTokenEndpoint(http, step, {
		method: 'POST',
		url: `${normalizeBaseUrl(input.baseUrl)}/oauth/access_token`,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: {
			client_id: input.clientId,
			client_secret: input.clientSecret,
			code: input.code,
			grant_type: 'authorization_code',
			redirect_uri: input.redirectUri,
		},
	});
	return toTokenResponse(step, body);
}

/** pythreads `fetch_long_lived_token`: short-lived -> long-lived (60 days). Needs the app secret. */
export async function exchangeForLongLivedToken(
	http: HttpRequest,
	input: { baseUrl?: string; clientSecret: string; shortLivedToken: string },
): Promise<TokenResponse> {
	const step = 'exchange the short-lived token for a long-lived one';
	const body = await callTokenEndpoint(http, step, {
		method: 'GET',
		url: `${normalizeBaseUrl(input.baseUrl)}/access_token`,
		qs: {
			grant_type: 'th_exchange_token',
			client_secret: input.clientSecret,
			access_token: input.shortLivedToken,
		},
	});
	return toTokenResponse(step, body);
}

/** pythreads `refresh_long_lived_token`: a new 60-day lifetime; Meta allows it once the token is 24 h old. */
export async function refreshLongLivedToken(
	http: HttpRequest,
	input: { baseUrl?: string; longLivedToken: string },
): Promise<TokenResponse> {
	const step = 'refresh the long-lived token';
	const body = await callTokenEndpoint(http, step, {
		method: 'GET',
		url: `${normalizeBaseUrl(input.baseUrl)}/refresh_access_token`,
		qs: { grant_type: 'th_refresh_token', access_token: input.longLivedToken },
	});
	return toTokenResponse(step, body);
}

export async function fetchTokenOwner(
	http: HttpRequest,
	input: { baseUrl?: string; accessToken: string },
): Promise<{ id: string; username?: string }> {
	const body = await callTokenEndpoint(http, 'Reading the connected Threads profile', {
		method: 'GET',
		url: `${apiRoot(input.baseUrl)}/me`,
		qs: { fields: 'id,username', access_token: input.accessToken },
	});
	return {
		id: String(body.id ?? ''),
		username: body.username === undefined ? undefined : String(body.username),
	};
}
