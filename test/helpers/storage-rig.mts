/**
 * Runs the built storage layer (dist/) inside n8n's engine: a one-node test workflow whose node
 * hands its real IExecuteFunctions (n8n-core's ExecuteContext: helpers.httpRequestWithAuthentication,
 * getCredentials) to the test, with the S3-Compatible Storage credential in the credential store,
 * which signs through the credential's own authenticate(). Every run is scanned for leaked secrets.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ICredentialType, IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import type * as MediaStorage from '../../nodes/Threads/storage/mediaStorage.ts';
import { CredentialStore, loadBuilt, repoRoot, runWorkflow, type WorkflowResult } from './n8n-engine.mts';

export const STORAGE_CREDENTIAL_TYPE = 'threadsS3Storage';
const PROBE_TYPE = 'test.storageProbe';

const require = createRequire(import.meta.url);

/** The storage module as built, what the node will load. */
export function builtStorage(): typeof MediaStorage {
	return require(path.join(repoRoot, 'dist/nodes/Threads/storage/mediaStorage.js')) as typeof MediaStorage;
}

export function storageCredentialStore(): CredentialStore {
	const type = loadBuilt<ICredentialType>('credentials/S3CompatibleStorage.credentials.js', 'S3CompatibleStorage');
	return new CredentialStore({ [STORAGE_CREDENTIAL_TYPE]: type });
}

type Probe = (context: IExecuteFunctions) => Promise<IDataObject>;

function probeNode(probe: Probe): INodeType {
	return {
		description: {
			displayName: 'Storage Probe',
			name: 'storageProbe',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Storage Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: STORAGE_CREDENTIAL_TYPE, required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [[{ json: await probe(this), pairedItem: { item: 0 } }]];
		},
	} as unknown as INodeType;
}

export interface ProbeResult extends WorkflowResult {
	/** What the probe returned, when it did not throw. */
	json?: IDataObject;
}

/** Runs `probe` as the node of a Manual Trigger -> Storage Probe workflow using credential `credentialId`. */
export async function inN8n(store: CredentialStore, credentialId: string, probe: Probe): Promise<ProbeResult> {
	const credential = store.credentials.get(credentialId);
	if (!credential) throw new Error(`No credential ${credentialId}`);
	const result = await runWorkflow(
		{
			name: 'storage probe',
			nodes: [
				{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'p',
					name: 'Storage Probe',
					type: PROBE_TYPE,
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
					credentials: { [STORAGE_CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
				},
			],
			connections: { Start: { main: [[{ node: 'Storage Probe', type: 'main', index: 0 }]] } },
		},
		{ credentials: store, nodeTypes: { [PROBE_TYPE]: probeNode(probe) } },
	);
	return { ...result, json: result.output('Storage Probe')[0] };
}
