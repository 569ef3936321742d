export const META_API_BASE_URL = 'https://graph.threads.net';
export const META_AUTHORIZE_URL = 'https://threads.net/oauth/authorize';
export const API_VERSION = 'v1.0';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
export const SHORT_LIVED_TOKEN_MS = HOUR_MS;
export const LONG_LIVED_TOKEN_MS = 60 * DAY_MS;
/** Meta refuses to refresh a long-lived token younger than this. */
export const MIN_REFRESH_AGE_MS = DAY_MS;
/**
 * The youngest token this credential sends to refresh. Meta dates a token when it answers, by its own
 * clock, while the credential stores the time it asked (and several n8n processes may disagree on
 * the time): at exactly 24 h Meta can still refuse, and a refused refresh fails the run.
 */
const SAFE_REFRESH_AGE_MS = MIN_REFRESH_AGE_MS + HOUR_MS;
export const DEFAULT_REFRESH_AFTER_DAYS = 7;
/** Refresh at the latest this long before expiry, whatever the user's threshold says. */
const LATEST_REFRESH_BEFORE_EXPIRY_MS = DAY_MS;
/**
 * How much earlier than the threshold a run still refreshes. A daily schedule starts a few ms earlier
 * or later each day: without this, the run N days after a refresh would refresh or wait for the next
 * day by chance, and at the latest refresh time the next day is the one the token expires.
 */
const SCHEDULE_SLACK_MS = HOUR_MS;

export const ALL_SCOPES = [
	'threads_basic',
	'threads_content_publish',
	'threads_read_replies',
	'threads_manage_replies',
	'threads_manage_insights',
	'threads_keyword_search',
	'threads_manage_mentions',
	'threads_delete',
	'threads_location_tagging',
	'threads_profile_discovery',
	'threads_share_to_instagram',
] as const;

export type ThreadsScope = (typeof ALL_SCOPES)[number];

/** Scopes a credential asks for unless the user picks others: everything the node's operations use. */
export const DEFAULT_SCOPES: ThreadsScope[] = ALL_SCOPES.filter(
	(scope) => scope !== 'threads_share_to_instagram',
);

/** What the credential knows about its live token. Times are epoch milliseconds. */
export interface TokenState {
	userId: string;
	issuedAt: number;
	expiresAt: number;
	refreshedAt?: number;
	scopes?: string[];
}

export function normalizeBaseUrl(baseUrl: unknown): string {
	const value =
		typeof baseUrl === 'string' && baseUrl.trim() !== '' ? baseUrl.trim() : META_API_BASE_URL;
	return value.replace(/\/+$/, '');
}

export function apiRoot(baseUrl: unknown): string {
	return `${normalizeBaseUrl(baseUrl)}/${API_VERSION}`;
}

function isMetaHost(baseUrl: string): boolean {
	return /^https:\/\/graph\.threads\.(net|com)$/.test(baseUrl);
}

/** Meta's authorization window lives on threads.net; a sandbox or proxy serves it beside the API. */
export function authorizeEndpoint(baseUrl: unknown): string {
	const base = normalizeBaseUrl(baseUrl);
	return isMetaHost(base) ? META_AUTHORIZE_URL : `${base}/oauth/authorize`;
}

export interface AuthorizationUrlInput {
	baseUrl?: string;
	clientId: string;
	redirectUri: string;
	scopes: readonly string[];
	state: string;
}

/** pythreads `authorization_url`: the URL to open, scopes comma-separated as Meta wants. */
export function buildAuthorizationUrl(input: AuthorizationUrlInput): string {
	const params = [
		['client_id', input.clientId],
		['redirect_uri', input.redirectUri],
		['scope', withBasicScope(input.scopes).join(',')],
		['response_type', 'code'],
		['state', input.state],
	]
		.map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
		.join('&');
	return `${authorizeEndpoint(input.baseUrl)}?${params}`;
}

export function withBasicScope(scopes: readonly string[]): string[] {
	const unique = Array.from(new Set(scopes.map((scope) => scope.trim()).filter(Boolean)));
	return unique.includes('threads_basic') ? unique : ['threads_basic', ...unique];
}

export class AuthorizationResponseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AuthorizationResponseError';
	}
}

/**
 * pythreads `complete_authorization`: accepts the bare code or the whole URL Meta redirected to,
 * strips Meta's trailing `#_`, refuses a cancelled authorization and a state that does not match.
 */
export function parseAuthorizationResponse(
	input: string,
	expectedState?: string,
): { code: string } {
	const trimmed = input.trim().replace(/#_?$/, '');
	if (trimmed === '') {
		throw new AuthorizationResponseError('The authorization code is empty');
	}
	if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !trimmed.includes('?')) {
		return { code: trimmed };
	}
	const query = trimmed.slice(trimmed.indexOf('?') + 1).split('#')[0];
	const params = new Map<string, string>();
	for (const pair of query.split('&')) {
		const [key, ...rest] = pair.split('=');
		if (key)
			params.set(decodeURIComponent(key), decodeURIComponent(rest.join('=').replace(/\+/g, ' ')));
	}
	const error = params.get('error');
	if (error) {
		const reason = params.get('error_description') ?? params.get('error_reason') ?? error;
		throw new AuthorizationResponseError(
			`The authorization was not granted (${reason}). Open the authorization URL again and approve the app.`,
		);
	}
	if (expectedState && params.get('state') !== expectedState) {
		throw new AuthorizationResponseError(
			'The state in the redirected URL does not match the expected state: the URL may belong to another authorization attempt. Start the authorization again.',
		);
	}
	const code = params.get('code');
	if (!code) {
		throw new AuthorizationResponseError('The redirected URL has no "code" parameter');
	}
	return { code: code.replace(/#_?$/, '') };
}

/**
 * When a refresh becomes due: at the user's threshold and always a day before expiry (both to the
 * hour), but never before Meta counts the token 24 hours old.
 */
export function refreshDueAt(
	state: Pick<TokenState, 'issuedAt' | 'expiresAt'>,
	refreshAfterDays: number,
): number {
	const days =
		Number.isFinite(refreshAfterDays) && refreshAfterDays > 0
			? refreshAfterDays
			: DEFAULT_REFRESH_AFTER_DAYS;
	const wanted = Math.min(
		state.issuedAt + days * DAY_MS,
		state.expiresAt - LATEST_REFRESH_BEFORE_EXPIRY_MS,
	);
	return Math.max(state.issuedAt + SAFE_REFRESH_AGE_MS, wanted - SCHEDULE_SLACK_MS);
}

/** pythreads `Credentials.expired()`. */
export function isExpired(state: Pick<TokenState, 'expiresAt'>, now: number): boolean {
	return now >= state.expiresAt;
}

/** pythreads `Credentials.expires_in()`, in seconds, never negative. */
export function expiresInSeconds(state: Pick<TokenState, 'expiresAt'>, now: number): number {
	return Math.max(0, Math.floor((state.expiresAt - now) / 1000));
}

export function canRefresh(
	state: Pick<TokenState, 'issuedAt' | 'expiresAt'>,
	now: number,
): boolean {
	return !isExpired(state, now) && now - state.issuedAt >= SAFE_REFRESH_AGE_MS;
}

/**
 * The credential's expirable field. n8n runs the credential's preAuthentication whenever this field
 * resolves to an empty string, and credential fields may hold expressions resolved at every use.
 * So the stored value is an expression that turns empty once the refresh is due, or as soon as the
 * user pastes a new authorization code or access token into the credential.
 */
/** An n8n expression for the credential's API Base URL, normalized the way normalizeBaseUrl does. */
function baseUrlExpression(source: '$self' | '$credentials'): string {
	return `(String(${source}.apiBaseUrl || '').trim() || '${META_API_BASE_URL}').replace(/\\/+$/, '')`;
}

/**
 * The value of the credential's expirable field: 'active' (n8n skips preAuthentication) until the
 * refresh is due, a new code or token is pasted, or the API host is no longer the one that issued
 * the token; then empty, so n8n runs preAuthentication, which refreshes or refuses.
 */
export function refreshGateExpression(
	refreshAt: number,
	tokenHost: string = META_API_BASE_URL,
	customHost = false,
): string {
	const sameHost = `${baseUrlExpression('$self')} === ${JSON.stringify(tokenHost)}${customHost ? ' && $self.allowCustomHost === true' : ''}`;
	return `={{ ($self.authorizationCodeSecret || $self.accessToken) ? '' : (Date.now() < ${Math.floor(refreshAt)} && ${sameHost} ? 'active' : '') }}`;
}

/** The access token for a request, only when it goes to the host that issued the token. */
export function tokenForIssuingHostExpression(tokenField: string, hostField: string): string {
	return `={{ (!$credentials.${hostField} || ${baseUrlExpression('$credentials')} === $credentials.${hostField}) ? $credentials.${tokenField} : '' }}`;
}
