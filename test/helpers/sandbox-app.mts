import type { Sandbox } from '../../sandbox/index.mts';

/** A redirect URI registered for the sandbox's app: the authorization codes the tests issue are bound to it. */
export const REDIRECT_URI = 'https://example.com/threads/callback';

/** What a user types into the Threads credential for the sandbox's app, before pasting a code. */
export function sandboxAppFields(sandbox: Sandbox): Record<string, string | boolean> {
	return {
		apiBaseUrl: sandbox.url,
		allowCustomHost: true,
		authFlow: 'authorizationCode',
		appId: sandbox.app.clientId,
		appSecret: sandbox.app.clientSecret,
		redirectUri: REDIRECT_URI,
	};
}
