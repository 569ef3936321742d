import { META_API_BASE_URL, normalizeBaseUrl } from './tokenLifetime';

/**
 * Where the credential may send the app secret and the tokens: Meta's API hosts over HTTPS, or,
 * only when the user allows a custom host, a proxy or the local sandbox (plain HTTP for this
 * machine only). Every place that builds a URL from the credential checks here first.
 */

export const META_API_HOSTS = ['graph.threads.net', 'graph.threads.com'];

const LOOPBACK_HOSTS = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export interface ApiHostSettings {
	apiBaseUrl?: unknown;
	allowCustomHost?: unknown;
}

/** Whether a normalized base URL is one of Meta's own API hosts over HTTPS. */
export function isMetaApiBase(base: string): boolean {
	const url = parse(base);
	return (
		url !== undefined &&
		url.protocol === 'https:' &&
		META_API_HOSTS.includes(url.hostname.toLowerCase()) &&
		url.port === '' &&
		(url.pathname === '/' || url.pathname === '')
	);
}

function parse(base: string): URL | undefined {
	try {
		return new URL(base);
	} catch {
		return undefined;
	}
}

/** Why the credential's API Base URL may not be used, or undefined when it may. */
export function apiHostProblem(settings: ApiHostSettings): string | undefined {
	const base = normalizeBaseUrl(settings.apiBaseUrl);
	if (isMetaApiBase(base)) return undefined;
	const url = parse(base);
	if (/[\s{}'"`\\]/.test(base)) {
		return 'API Base URL must not contain spaces, braces, quotes or backslashes';
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
		return `API Base URL must be an http(s) URL such as ${META_API_BASE_URL}, got "${base.slice(0, 100)}"`;
	}
	if (url.username || url.password) {
		return 'API Base URL must not contain a user name or password';
	}
	if (settings.allowCustomHost !== true) {
		return `API Base URL must be Meta's (${META_API_HOSTS.map((host) => `https://${host}`).join(' or ')}): "${url.host}" is another host. To send the app secret and tokens to a proxy or the local sandbox, turn on Allow a Custom Host in the credential.`;
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		return `API Base URL must use https for "${url.hostname}": plain http is allowed only for this machine (localhost, 127.0.0.1, [::1])`;
	}
	return undefined;
}

/** The normalized API base URL, checked (see apiHostProblem). */
export function allowedApiBase(settings: ApiHostSettings): { base: string; problem?: string } {
	return { base: normalizeBaseUrl(settings.apiBaseUrl), problem: apiHostProblem(settings) };
}

/**
 * Whether the API Base URL is on this machine (the local sandbox, or a proxy run here): what
 * fetches the media is then on this machine too, so media URLs need not be public.
 */
export function isLoopbackApiBase(apiBaseUrl: unknown): boolean {
	const url = parse(normalizeBaseUrl(apiBaseUrl));
	return url !== undefined && LOOPBACK_HOSTS.test(url.hostname);
}
