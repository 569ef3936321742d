import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { allowedApiBase, isMetaApiBase } from './apiHost';
import { codeUsedElsewhere } from './credentialConflict';
import {
	DEFAULT_REFRESH_AFTER_DAYS,
	HOUR_MS,
	LONG_LIVED_TOKEN_MS,
	MIN_REFRESH_AGE_MS,
	type TokenState,
	canRefresh,
	isExpired,
	parseAuthorizationResponse,
	refreshDueAt,
	refreshGateExpression,
	withBasicScope,
} from './tokenLifetime';
import {
	type HttpRequest,
	REAUTHORIZE,
	TokenLifecycleError,
	exchangeCodeForShortLivedToken,
	exchangeForLongLivedToken,
	fetchTokenOwner,
	refreshLongLivedToken,
} from './tokenEndpoints';

/** The hidden credential fields this lifecycle owns. */
export const TOKEN_FIELDS = {
	gate: 'session',
	token: 'longLivedToken',
	userId: 'tokenUserId',
	username: 'tokenUsername',
	issuedAt: 'tokenIssuedAt',
	expiresAt: 'tokenExpiresAt',
	refreshedAt: 'tokenRefreshedAt',
	scopes: 'tokenScopes',
	/** The API base URL that issued the token: the only one it is ever sent to. */
	host: 'tokenHost',
} as const;

function text(value: unknown): string {
	return typeof value === 'string'
		? value.trim()
		: value === undefined || value === null
			? ''
			: String(value);
}

function time(value: unknown): number | undefined {
	const parsed = typeof value === 'number' ? value : Date.parse(text(value));
	return Number.isFinite(parsed) ? parsed : undefined;
}

/** The token state stored in a credential, or undefined when it holds no long-lived token yet. */
export function readTokenState(
	credentials: ICredentialDataDecryptedObject,
): (TokenState & { username?: string }) | undefined {
	const issuedAt = time(credentials[TOKEN_FIELDS.issuedAt]);
	const expiresAt = time(credentials[TOKEN_FIELDS.expiresAt]);
	if (!text(credentials[TOKEN_FIELDS.token]) || issuedAt === undefined || expiresAt === undefined)
		return undefined;
	const scopes = text(credentials[TOKEN_FIELDS.scopes]);
	return {
		userId: text(credentials[TOKEN_FIELDS.userId]),
		username: text(credentials[TOKEN_FIELDS.username]) || undefined,
		issuedAt,
		expiresAt,
		refreshedAt: time(credentials[TOKEN_FIELDS.refreshedAt]),
		scopes: scopes ? scopes.split(',') : undefined,
	};
}

function refreshAfterDays(credentials: ICredentialDataDecryptedObject): number {
	const days = Number(credentials.refreshAfterDays);
	return Number.isFinite(days) && days > 0 ? days : DEFAULT_REFRESH_AFTER_DAYS;
}

function requestedScopes(credentials: ICredentialDataDecryptedObject): string[] {
	const raw = credentials.scopes;
	const list = Array.isArray(raw) ? raw.map(String) : text(raw).split(',');
	return withBasicScope(list);
}

/** The gate for a token of `base`, re-armed to open at `refreshAt`. */
function gateFor(refreshAt: number, base: string): IDataObject {
	return {
		[TOKEN_FIELDS.gate]: refreshGateExpression(refreshAt, base, !isMetaApiBase(base)),
		[TOKEN_FIELDS.host]: base,
	};
}

function stored(
	base: string,
	credentials: ICredentialDataDecryptedObject,
	token: string,
	state: TokenState & { username?: string },
	consumed: IDataObject,
): IDataObject {
	return {
		...consumed,
		[TOKEN_FIELDS.token]: token,
		[TOKEN_FIELDS.userId]: state.userId,
		[TOKEN_FIELDS.username]: state.username ?? '',
		[TOKEN_FIELDS.issuedAt]: new Date(state.issuedAt).toISOString(),
		[TOKEN_FIELDS.expiresAt]: new Date(state.expiresAt).toISOString(),
		[TOKEN_FIELDS.refreshedAt]: state.refreshedAt ? new Date(state.refreshedAt).toISOString() : '',
		[TOKEN_FIELDS.scopes]: state.scopes?.join(',') ?? '',
		...gateFor(refreshDueAt(state, refreshAfterDays(credentials)), base),
	};
}

function expiryFrom(now: number, expiresInSeconds: number | undefined): number {
	return (
		now + (expiresInSeconds && expiresInSeconds > 0 ? expiresInSeconds * 1000 : LONG_LIVED_TOKEN_MS)
	);
}

async function fromAuthorizationCode(
	http: HttpRequest,
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
	now: number,
) {
	const parsed = await attempt(async () =>
		parseAuthorizationResponse(
			text(credentials.authorizationCodeSecret),
			text(credentials.oauthState) || undefined,
		),
	);
	if (!parsed.ok) throw new TokenLifecycleError('badCode', (parsed.error as Error).message);
	const { code } = parsed.value;
	const clientSecret = text(credentials.appSecret);
	const shortLived = await exchangeCodeForShortLivedToken(http, {
		baseUrl,
		clientId: text(credentials.appId),
		clientSecret,
		code,
		redirectUri: text(credentials.redirectUri),
	}).catch(codeUsedElsewhere);
	const longLived = await exchangeForLongLivedToken(http, {
		baseUrl,
		clientSecret,
		shortLivedToken: shortLived.accessToken,
	});
	const owner = await fetchTokenOwner(http, { baseUrl, accessToken: longLived.accessToken });
	return stored(
		baseUrl,
		credentials,
		longLived.accessToken,
		{
			userId: owner.id || shortLived.userId || '',
			username: owner.username,
			issuedAt: now,
			expiresAt: expiryFrom(now, longLived.expiresInSeconds),
			scopes: requestedScopes(credentials),
		},
		{ authorizationCodeSecret: '' },
	);
}

/**
 * A token pasted from Meta's dashboard may be short- or long-lived, and Meta says neither.
 * Exchange it when it is short-lived; otherwise refresh it when Meta allows, or keep it with a
 * conservative lifetime (it is under 24 h old if the refresh is refused for its age).
 */
async function fromPastedToken(
	http: HttpRequest,
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
	now: number,
) {
	const pasted = text(credentials.accessToken);
	const issuedAt = now;
	let token = pasted;
	let expiresAt = now + LONG_LIVED_TOKEN_MS - MIN_REFRESH_AGE_MS;
	const exchanged = await attempt(
		async () =>
			await exchangeForLongLivedToken(http, {
				baseUrl,
				clientSecret: text(credentials.appSecret),
				shortLivedToken: pasted,
			}),
	);
	if (exchanged.ok) {
		token = exchanged.value.accessToken;
		expiresAt = expiryFrom(now, exchanged.value.expiresInSeconds);
	} else {
		const kind = (exchanged.error as TokenLifecycleError).kind;
		if (kind === 'reauthorize' || kind === 'network' || kind === 'badSecret' || kind === 'wrongApp')
			throw exchanged.error;
		const refreshed = await attempt(
			async () => await refreshLongLivedToken(http, { baseUrl, longLivedToken: pasted }),
		);
		if (refreshed.ok) {
			token = refreshed.value.accessToken;
			expiresAt = expiryFrom(now, refreshed.value.expiresInSeconds);
		} else if ((refreshed.error as TokenLifecycleError).kind === 'reauthorize') {
			throw refreshed.error;
		}
		// Otherwise Meta refused the refresh because the token is under 24 h old: keep it with the
		// shortest lifetime it can have left.
	}
	const owner = await fetchTokenOwner(http, { baseUrl, accessToken: token });
	return stored(
		baseUrl,
		credentials,
		token,
		{ userId: owner.id, username: owner.username, issuedAt, expiresAt },
		{ accessToken: '' },
	);
}

async function refreshIfDue(
	http: HttpRequest,
	baseUrl: string,
	credentials: ICredentialDataDecryptedObject,
	state: TokenState & { username?: string },
	now: number,
): Promise<IDataObject> {
	const token = text(credentials[TOKEN_FIELDS.token]);
	if (isExpired(state, now)) {
		throw new TokenLifecycleError(
			'reauthorize',
			`The Threads token expired on ${new Date(state.expiresAt).toISOString()} and can no longer be refreshed: Meta only refreshes tokens that are still valid. ${REAUTHORIZE}`,
		);
	}
	const due = refreshDueAt(state, refreshAfterDays(credentials));
	if (now < due || !canRefresh(state, now)) {
		// Nothing to change: only re-arm the gate, so no stale token is ever written back.
		return gateFor(Math.max(due, now + HOUR_MS), baseUrl);
	}
	const refreshed = await attempt(
		async () =>
			await refreshLongLivedToken(http, {
				baseUrl,
				longLivedToken: token,
			}),
	);
	if (!refreshed.ok) {
		if ((refreshed.error as TokenLifecycleError).kind === 'reauthorize') {
			// Our copy says the token is valid, so another execution most likely refreshed it first
			// and Meta retired this one: the caller re-reads the stored credential and tries again.
			// If re-reading finds the same token again, it was revoked: the user sees Meta's refusal.
			throw new TokenLifecycleError('refreshConflict', (refreshed.error as Error).message);
		}
		throw refreshed.error;
	}
	return stored(
		baseUrl,
		credentials,
		refreshed.value.accessToken,
		{
			...state,
			issuedAt: now,
			refreshedAt: now,
			expiresAt: expiryFrom(now, refreshed.value.expiresInSeconds),
		},
		{},
	);
}

/**
 * The credential's preAuthentication: turns what the user entered into a long-lived token and keeps
 * it alive. n8n saves what this returns into the encrypted credential.
 */
export async function runTokenLifecycle(
	http: HttpRequest,
	credentials: ICredentialDataDecryptedObject,
	now: number = Date.now(),
): Promise<IDataObject> {
	// Before anything is sent: the app secret and tokens go only to an allowed host.
	const { base, problem } = allowedApiBase(credentials);
	if (problem) throw new TokenLifecycleError('badHost', problem);
	const flow = text(credentials.authFlow) || 'authorizationCode';
	if (flow === 'authorizationCode' && text(credentials.authorizationCodeSecret)) {
		return await fromAuthorizationCode(http, base, credentials, now);
	}
	if (flow === 'accessToken' && text(credentials.accessToken)) {
		return await fromPastedToken(http, base, credentials, now);
	}
	const state = readTokenState(credentials);
	const issuer = text(credentials[TOKEN_FIELDS.host]);
	if (state && issuer && issuer !== base) {
		throw new TokenLifecycleError(
			'reauthorize',
			`The API Base URL changed from ${issuer} to ${base} since the token was issued, and a token is only ever sent to the host that issued it. ${REAUTHORIZE}`,
		);
	}
	if (state) return await refreshIfDue(http, base, credentials, state, now);
	throw new TokenLifecycleError(
		'reauthorize',
		flow === 'accessToken'
			? "The Threads credential has no access token yet: paste one from Meta's app dashboard into the credential."
			: 'The Threads credential has no authorization code yet: open the authorization URL, approve the app, and paste the code (or the whole redirected URL) into the credential.',
	);
}
