/**
 * The credential `npm start` and the end-to-end tests use: "Threads (local sandbox)", holding a token
 * issued by the local Threads sandbox, with the sandbox as its API base URL.
 */
import { type CredentialToImport, importCredentials } from './cli.mts';
import type { N8nInstanceOptions } from './instance.mts';
import { THREADS_CREDENTIAL_TYPE } from './threads-types.mts';

export const SANDBOX_CREDENTIAL_NAME = 'Threads (local sandbox)';

type SandboxApp = { url: string; app: { clientId: string; clientSecret: string } };

/** The sandbox credential as `n8n import:credentials` takes it. */
export function sandboxCredential(
	sandbox: SandboxApp,
	credentialId: string,
	accessToken: string,
): CredentialToImport {
	return {
		id: credentialId,
		name: SANDBOX_CREDENTIAL_NAME,
		type: THREADS_CREDENTIAL_TYPE,
		data: {
			apiBaseUrl: sandbox.url,
			allowCustomHost: true,
			authFlow: 'accessToken',
			accessToken,
			appId: sandbox.app.clientId,
			appSecret: sandbox.app.clientSecret,
		},
	};
}

/** Imports (creates or replaces) the sandbox credential under `credentialId`. */
export async function importSandboxCredential(
	opts: N8nInstanceOptions,
	sandbox: SandboxApp,
	credentialId: string,
	accessToken: string,
): Promise<void> {
	await importCredentials(opts, [sandboxCredential(sandbox, credentialId, accessToken)]);
}
