import type { Sandbox } from '../../sandbox/index.mts';

/** Whether the sandbox (like Meta) accepts this token right now. */
export async function tokenWorks(sandbox: Sandbox, token: string): Promise<boolean> {
	const response = await fetch(`${sandbox.url}/v1.0/me?fields=id&access_token=${encodeURIComponent(token)}`);
	return response.ok;
}

export function tokenRequests(sandbox: Sandbox, operation: string): number {
	return sandbox.log.filter((entry) => entry.operation === operation).length;
}

/**
 * Every permission Meta's Threads API knows, written out here rather than imported from the node,
 * whose scope handling the tests check.
 */
export const EVERY_SCOPE = [
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
];

const TOKEN_ENDPOINTS = new Set(['exchangeCode', 'exchangeToken', 'refreshToken']);

/** The access tokens the sandbox saw on API calls; token endpoints are left out (a refresh sends the old token). */
export function apiTokensUsed(sandbox: Sandbox): string[] {
	return sandbox.log
		.filter((entry) => !TOKEN_ENDPOINTS.has(entry.operation))
		.map((entry) => entry.query.access_token)
		.filter((token): token is string => Boolean(token));
}
