/**
 * What the real-n8n credential tests share: a Threads credential holding a just-issued authorization
 * code (the state after the user pasted the redirected URL), the Get Token Info workflow that uses
 * it, and the credential as n8n stores it, decrypted by n8n itself.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import type { Sandbox } from '../../sandbox/index.mts';
import { runN8nCli } from '../../scripts/n8n/cli.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import type { WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { REDIRECT_URI, sandboxAppFields } from './sandbox-app.mts';

/** Credential data pointing at the sandbox, holding the redirected URL of a code issued just now. */
export function authorizationCodeData(sandbox: Sandbox): { data: Record<string, unknown>; code: string } {
	const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	const data = {
		...sandboxAppFields(sandbox),
		authorizationCodeSecret: `${REDIRECT_URI}?code=${code}&state=e2e#_`,
		oauthState: 'e2e',
	};
	return { data, code };
}

/** Manual trigger -> Threads "Get Token Info" with the credential. */
export function tokenInfoWorkflow(name: string, credential: { id: string; name: string }): WorkflowJson {
	return {
		name,
		nodes: [
			{ id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b',
				name: 'Threads',
				type: THREADS_NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { resource: 'user', operation: 'getTokenInfo' },
				credentials: { [THREADS_CREDENTIAL_TYPE]: credential },
			},
		],
		connections: { Start: { main: [[{ node: 'Threads', type: 'main', index: 0 }]] } },
	};
}

/** The credential as n8n stores it, through `n8n export:credentials --decrypted` (one n8n process). */
export async function exportedCredential(opts: N8nInstanceOptions, credentialId: string): Promise<Record<string, string>> {
	const file = path.join(opts.userFolder, `exported-${credentialId}.json`);
	const result = await runN8nCli(opts, ['export:credentials', `--id=${credentialId}`, '--decrypted', `--output=${file}`]);
	assert.equal(result.code, 0, result.stderr);
	const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: Record<string, string> }>;
	rmSync(file);
	return credential.data;
}
