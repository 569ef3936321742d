import { type Ctx, type Env, type Reply, json, str } from './context.mts';
import { GraphError, OAuthEndpointError, param, permissionDenied } from './errors.mts';
import {
	ALL_SCOPES,
	CODE_LIFETIME_MS,
	DAY_MS,
	DEFAULT_USER_ID,
	LONG_LIVED_MS,
	SHORT_LIVED_MS,
	type TokenRecord,
	newCodeValue,
	newTokenValue,
} from './state.mts';
import type { AuthorizationCodeOptions, IssueTokenOptions } from './types.mts';

export function issueToken(env: Env, opts: IssueTokenOptions = {}): TokenRecord {
	const userId = opts.userId ?? DEFAULT_USER_ID;
	if (!env.state.users.has(userId)) throw new Error(`issueToken: unknown user ${userId}`);
	const kind = opts.kind ?? 'long';
	const issuedAt = opts.issuedAt ?? env.clock.now();
	const record: TokenRecord = {
		value: newTokenValue(),
		userId,
		kind,
		scopes: normalizeScopes(opts.scopes ?? [...ALL_SCOPES]),
		issuedAt,
		expiresAt: issuedAt + (kind === 'short' ? SHORT_LIVED_MS : LONG_LIVED_MS),
	};
	env.state.tokens.set(record.value, record);
	return record;
}

export function createAuthorizationCode(env: Env, opts: AuthorizationCodeOptions = {}): string {
	const userId = opts.userId ?? DEFAULT_USER_ID;
	if (!env.state.users.has(userId)) throw new Error(`createAuthorizationCode: unknown user ${userId}`);
	const value = newCodeValue();
	env.state.codes.set(value, {
		value,
		userId,
		scopes: normalizeScopes(opts.scopes ?? [...ALL_SCOPES]),
		redirectUri: opts.redirectUri,
		createdAt: env.clock.now(),
	});
	return value;
}

/** threads_basic is always granted. */
function normalizeScopes(scopes: string[]): string[] {
	const set = new Set(scopes.map((s) => s.trim()).filter(Boolean));
	set.add('threads_basic');
	return [...set];
}

/** The token of a request: access_token query param, then form/JSON body, then Authorization: Bearer. */
export function extractToken(query: Record<string, string>, body: Record<string, unknown>, authorization?: string): string | undefined {
	if (query.access_token) return query.access_token;
	if (typeof body.access_token === 'string' && body.access_token) return body.access_token;
	const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
	return match ? match[1].trim() : undefined;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Meta's wording: "Friday, 13-Sep-24 11:00:00 PDT" (the sandbox says UTC). */
function metaDate(ms: number): string {
	const d = new Date(ms);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${WEEKDAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

export const expiredTokenError = (expiresAt: number, now: number) =>
	new GraphError(
		401,
		190,
		`Error validating access token: Session has expired on ${metaDate(expiresAt)}. The current time is ${metaDate(now)}.`,
		{ subcode: 463 },
	);

/** Resolves the request's token; throws Meta's 190 errors. Checks scopes when given. */
export function requireToken(ctx: Ctx, scopes: string[] = []): TokenRecord {
	const value = ctx.tokenValue;
	if (!value) {
		throw new GraphError(401, 190, 'An active access token must be used to query information about the current user.');
	}
	const record = ctx.env.state.tokens.get(value);
	if (!record) throw new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
	const now = ctx.env.clock.now();
	if (record.invalidatedAt !== undefined) {
		throw new GraphError(
			401,
			190,
			'Error validating access token: The session has been invalidated because the access token was refreshed.',
			{ subcode: 460 },
		);
	}
	if (now >= record.expiresAt) throw expiredTokenError(record.expiresAt, now);
	for (const scope of ['threads_basic', ...scopes]) {
		if (!record.scopes.includes(scope)) throw permissionDenied(scope);
	}
	return record;
}

// ---- GET /oauth/authorize -------------------------------------------------------------------------

export function authorize(ctx: Ctx): Reply {
	const { env } = ctx;
	const clientId = str(ctx, 'client_id');
	if (clientId === env.app.metaAppId) {
		return json({ error_message: 'No app ID was provided in the request.', error_code: 4476002 }, 400);
	}
	if (clientId !== env.app.clientId) {
		return json(
			{
				error_message:
					'No application data was given: There was a problem getting data for an application. The application may not be valid or there is a temporary glitch. Please try again later.',
				error_code: 1349026,
			},
			400,
		);
	}
	const redirectUri = str(ctx, 'redirect_uri');
	if (!redirectUri || !/^https?:\/\//i.test(redirectUri)) {
		return json({ error_message: 'Invalid redirect_uri: a valid redirect URI is required.', error_code: 1349048 }, 400);
	}
	if (str(ctx, 'response_type') !== 'code') {
		return json({ error_message: 'Invalid response_type: only response_type=code is supported.', error_code: 1349049 }, 400);
	}
	const requested = (str(ctx, 'scope') ?? 'threads_basic').split(',').map((s) => s.trim()).filter(Boolean);
	const unknown = requested.filter((s) => !(ALL_SCOPES as readonly string[]).includes(s));
	if (unknown.length > 0) {
		return json({ error_message: `Invalid Scopes: ${unknown.join(', ')}`, error_code: 1349050 }, 400);
	}
	const target = new URL(redirectUri);
	const state = str(ctx, 'state');
	// Sandbox extra: sandbox_action=deny simulates the user pressing Cancel.
	if (str(ctx, 'sandbox_action') === 'deny') {
		target.searchParams.set('error', 'access_denied');
		target.searchParams.set('error_reason', 'user_denied');
		target.searchParams.set('error_description', 'Permissions error');
	} else {
		const userId = str(ctx, 'sandbox_user_id') ?? DEFAULT_USER_ID;
		const code = createAuthorizationCode(env, { userId, scopes: requested, redirectUri });
		target.searchParams.set('code', code);
	}
	if (state !== undefined) target.searchParams.set('state', state);
	return { status: 302, headers: { location: `${target.toString()}#_` }, text: '' };
}

// ---- POST /oauth/access_token ---------------------------------------------------------------------

export function exchangeCode(ctx: Ctx): Reply {
	const { env } = ctx;
	const grantType = str(ctx, 'grant_type');
	const clientId = str(ctx, 'client_id');
	const clientSecret = str(ctx, 'client_secret');
	if (clientId === env.app.metaAppId) throw new OAuthEndpointError(400, 4476002, 'No app ID was provided in the request.');
	if (!clientId) throw new OAuthEndpointError(400, 101, 'Missing client_id parameter.');
	if (clientId !== env.app.clientId) throw new OAuthEndpointError(400, 101, 'Error validating application. Invalid application ID.');
	if (clientSecret !== env.app.clientSecret) throw new OAuthEndpointError(400, 101, 'Error validating client secret.');
	if (grantType === 'client_credentials') {
		return json({ access_token: `TH|${env.app.clientId}|sandbox-app-token`, token_type: 'bearer' });
	}
	if (grantType !== 'authorization_code') {
		throw new OAuthEndpointError(400, 100, 'Unsupported grant_type: use authorization_code.');
	}
	const codeValue = (str(ctx, 'code') ?? '').replace(/#_$/, '');
	if (!codeValue) throw new OAuthEndpointError(400, 100, 'Missing code parameter.');
	const code = env.state.codes.get(codeValue);
	if (!code) throw new OAuthEndpointError(400, 100, 'Invalid verification code format.');
	if (code.usedAt !== undefined) throw new OAuthEndpointError(400, 100, 'This authorization code has been used.');
	if (env.clock.now() >= code.createdAt + CODE_LIFETIME_MS) {
		throw new OAuthEndpointError(400, 100, 'This authorization code has expired.');
	}
	if (code.redirectUri !== undefined && str(ctx, 'redirect_uri') !== code.redirectUri) {
		throw new OAuthEndpointError(
			400,
			100,
			'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
		);
	}
	code.usedAt = env.clock.now();
	const token = issueToken(env, { userId: code.userId, kind: 'short', scopes: code.scopes });
	return json({ access_token: token.value, user_id: code.userId });
}

// ---- GET /access_token (th_exchange_token) --------------------------------------------------------

export function exchangeToken(ctx: Ctx): Reply {
	const { env } = ctx;
	if (str(ctx, 'grant_type') !== 'th_exchange_token') {
		throw param('The parameter grant_type must be th_exchange_token');
	}
	const secret = str(ctx, 'client_secret');
	if (!secret) throw param('The parameter client_secret is required');
	if (secret !== env.app.clientSecret) throw new GraphError(400, 101, 'Error validating client secret.');
	const token = requireToken(ctx);
	if (token.kind !== 'short') {
		throw param('The access token is already a long-lived token: th_exchange_token takes a short-lived token');
	}
	const long = issueToken(env, { userId: token.userId, kind: 'long', scopes: token.scopes });
	return json({ access_token: long.value, token_type: 'bearer', expires_in: Math.round(LONG_LIVED_MS / 1000) });
}

// ---- GET /refresh_access_token (th_refresh_token) -------------------------------------------------

export function refreshToken(ctx: Ctx): Reply {
	const { env } = ctx;
	if (str(ctx, 'grant_type') !== 'th_refresh_token') {
		throw param('The parameter grant_type must be th_refresh_token');
	}
	const token = requireToken(ctx);
	const now = env.clock.now();
	if (token.kind !== 'long') throw param('Only long-lived access tokens can be refreshed');
	if (now - token.issuedAt < DAY_MS) {
		throw param('The access token can only be refreshed when it is at least 24 hours old');
	}
	let value = token.value;
	if (env.config.refreshInvalidatesOld) {
		token.invalidatedAt = now;
		value = issueToken(env, { userId: token.userId, kind: 'long', scopes: token.scopes }).value;
	} else {
		token.issuedAt = now;
		token.expiresAt = now + LONG_LIVED_MS;
	}
	return json({ access_token: value, token_type: 'bearer', expires_in: Math.round(LONG_LIVED_MS / 1000) });
}
