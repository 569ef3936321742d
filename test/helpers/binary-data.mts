/**
 * Binary data in n8n's engine as a real n8n has it. n8n-core's BinaryDataService (a singleton in
 * n8n-core's own dependency container) in filesystem mode stores each file under a temp dir and
 * gives it an id (what getBinaryStream and createBinarySignedUrl need, as in n8n's default mode);
 * in memory mode (a service with no storage manager) files stay base64 in the item, with no id.
 * A stand-in node turns files on disk into binary items the way Read/Write Files from Disk does.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { BinaryDataService } from 'n8n-core';
import type { IBinaryKeyData, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

const require = createRequire(import.meta.url);
// n8n-core resolves its services from its own copy of @n8n/di.
const { Container } = createRequire(require.resolve('n8n-core'))('@n8n/di') as {
	Container: { set(type: unknown, value: unknown): void; get<T>(type: new (...args: never[]) => T): T };
};

export type BinaryMode = 'filesystem' | 'memory';

export interface BinaryStore {
	mode: BinaryMode;
	/** Where filesystem mode keeps the files. */
	dir?: string;
	/** Removes the temp dir. */
	close(): void;
}

const quiet = { error() {}, warn() {}, info() {}, debug() {} };

/** Installs a BinaryDataService in `mode` for every later execution in this process. */
export async function useBinaryData(mode: BinaryMode): Promise<BinaryStore> {
	const dir = mode === 'filesystem' ? mkdtempSync(path.join(tmpdir(), 'threads-binary-')) : undefined;
	const config = { mode: 'filesystem', localStoragePath: dir ?? '', signingSecret: 'test-binary-signing-secret' };
	const service = new BinaryDataService(config as never, quiet as never, quiet as never);
	if (mode === 'filesystem') await service.init();
	Container.set(BinaryDataService, service);
	return { mode, dir, close: () => dir && rmSync(dir, { recursive: true, force: true }) };
}

export interface FileOnDisk {
	path: string;
	/** As n8n would read it from the file's extension; given explicitly here. */
	mimeType: string;
	/** Default: the path's base name. */
	fileName?: string;
}

export const BINARY_FILES_TYPE = 'test.binaryFiles';

/**
 * A node that outputs one item per entry of `items`, each with the listed binary properties read
 * from disk through n8n's prepareBinaryData (streamed, so large files never sit in memory).
 */
export function binaryFilesNode(items: Array<Record<string, FileOnDisk>>): INodeType {
	return {
		description: {
			displayName: 'Binary Files',
			name: 'binaryFiles',
			group: ['input'],
			version: 1,
			description: '',
			defaults: { name: 'Binary Files' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const output: INodeExecutionData[] = [];
			for (const [index, files] of items.entries()) {
				const binary: IBinaryKeyData = {};
				for (const [property, file] of Object.entries(files)) {
					const prepared = await this.helpers.prepareBinaryData(createReadStream(file.path), file.fileName ?? path.basename(file.path), file.mimeType);
					binary[property] = prepared;
				}
				output.push({ json: { index }, binary, pairedItem: { item: 0 } });
			}
			return [output];
		},
	} as unknown as INodeType;
}
