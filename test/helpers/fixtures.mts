import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/index.mts';
import { CredentialStore, type StoredCredential } from './n8n-engine.mts';

export interface Rig {
	sandbox: Sandbox;
	store: CredentialStore;
	credential: StoredCredential;
	ref: { id: string; name: string };
	close(): Promise<void>;
}

/** A sandbox plus a credential that already holds a long-lived token from it (the state after authorization). */
export async function startRig(options: SandboxOptions & { credentialData?: Record<string, unknown> } = {}): Promise<Rig> {
	const { credentialData, ...sandboxOptions } = options;
	const sandbox = await startSandbox({ clock: 'manual', ...sandboxOptions });
	const store = new CredentialStore();
	const credential = store.add({
		id: 'cred-1',
		name: 'Threads (sandbox)',
		data: {
			apiBaseUrl: sandbox.url,
			allowCustomHost: true,
			authFlow: 'accessToken',
			accessToken: sandbox.issueToken({ kind: 'long' }),
			appId: sandbox.app.clientId,
			appSecret: sandbox.app.clientSecret,
			...(credentialData ?? {}),
		},
	});
	return {
		sandbox,
		store,
		credential,
		ref: { id: credential.id, name: credential.name },
		close: async () => await sandbox.close(),
	};
}
