/**
 * Media from binary data through n8n's engine: the sandbox (which downloads loopback media URLs as
 * Meta would and records each download's SHA-256), a real S3 server (Ceph's radosgw) behind the
 * S3-Compatible Storage credential, binary data in filesystem or memory mode, and workflows
 * Manual Trigger -> Binary Files (files on disk as binary items) -> Threads (version 2).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ICredentialType, IDataObject, INode } from 'n8n-workflow';

import { type CephS3, startCeph } from '../../scripts/ceph.mts';
import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { BINARY_FILES_TYPE, type BinaryMode, type BinaryStore, type FileOnDisk, binaryFilesNode, useBinaryData } from './binary-data.mts';
import {
	CredentialStore,
	THREADS_CREDENTIAL_TYPE,
	THREADS_NODE_TYPE,
	loadBuilt,
	loadCredentialType,
	runWorkflow,
	type WorkflowResult,
} from './n8n-engine.mts';
import { nodeClock } from './publishing-rig.mts';

export const STORAGE_CREDENTIAL_TYPE = 'threadsS3Storage';
const TRIGGER = 'When clicking ‘Execute workflow’';

export interface TestFile extends FileOnDisk {
	sha256: string;
	size: number;
}

export interface MediaRig {
	sandbox: Sandbox;
	ceph: CephS3;
	store: CredentialStore;
	binary: BinaryStore;
	/** The Threads credential (the sandbox, loopback: local media URLs reach it). */
	threads: { id: string; name: string };
	/** The storage credential with Ceph's keys; `storageCredential(overrides)` adds another. */
	storage: { id: string; name: string };
	storageCredential(id: string, overrides: IDataObject): { id: string; name: string };
	/** A file of `size` random bytes (after a short signature for its type) in the rig's temp dir. */
	file(name: string, mimeType: string, size: number): TestFile;
	/** The same, written 1 MiB at a time, so a large file never sits in the test's memory. */
	largeFile(name: string, mimeType: string, size: number): TestFile;
	/** Manual Trigger -> Binary Files (these items) -> Threads with these parameters. */
	run(parameters: IDataObject, items: Array<Record<string, FileOnDisk>>, options?: RunMediaOptions): Promise<WorkflowResult>;
	/** Requests to the sandbox since the last clearLog(), as "METHOD operation". */
	requests(): string[];
	/** Every object (and multipart part) in the bucket. */
	bucket(): string[];
	close(): Promise<void>;
}

export interface RunMediaOptions {
	continueOnFail?: boolean;
	/** Default: the rig's storage credential; null: none. */
	storage?: { id: string; name: string } | null;
	threads?: { id: string; name: string };
}

const SIGNATURES: Record<string, Buffer> = {
	'image/jpeg': Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
	'image/png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	'video/mp4': Buffer.from('\0\0\0\x18ftypmp42', 'latin1'),
	'image/gif': Buffer.from('GIF89a', 'latin1'),
};

/**
 * The node's clock reads real time (presigned URLs are checked by Ceph against it) while its waits
 * advance the sandbox's manual clock at once, after the sandbox's downloads have settled.
 */
function driveNodeWaits(sandbox: Sandbox): () => void {
	const clock = nodeClock();
	const original = { now: clock.now, sleep: clock.sleep };
	clock.sleep = async (ms: number) => {
		await sandbox.settleMedia();
		sandbox.clock.advance(Math.max(0, Math.round(ms)));
	};
	return () => Object.assign(clock, original);
}

export async function startMediaRig(binaryMode: BinaryMode = 'filesystem'): Promise<MediaRig> {
	const [sandbox, ceph, binary] = await Promise.all([startSandbox({ clock: 'manual' }), startCeph(), useBinaryData(binaryMode)]);
	const restoreClock = driveNodeWaits(sandbox);
	const dir = mkdtempSync(path.join(tmpdir(), 'threads-media-files-'));
	const store = new CredentialStore({
		[THREADS_CREDENTIAL_TYPE]: loadCredentialType(),
		[STORAGE_CREDENTIAL_TYPE]: loadBuilt<ICredentialType>('credentials/S3CompatibleStorage.credentials.js', 'S3CompatibleStorage'),
	});
	const threads = store.add({
		id: 'threads-1',
		name: 'Threads (sandbox)',
		data: {
			apiBaseUrl: sandbox.url,
			allowCustomHost: true,
			authFlow: 'accessToken',
			accessToken: sandbox.issueToken({ kind: 'long' }),
			appId: sandbox.app.clientId,
			appSecret: sandbox.app.clientSecret,
		},
	});
	const storageCredential = (id: string, overrides: IDataObject) => {
		const added = store.add({
			id,
			name: `S3 ${id}`,
			type: STORAGE_CREDENTIAL_TYPE,
			data: {
				endpoint: ceph.endpoint,
				region: ceph.region,
				bucket: ceph.bucket,
				accessKeyId: ceph.accessKeyId,
				secretAccessKey: ceph.secretAccessKey,
				forcePathStyle: true,
				...overrides,
			},
		});
		return { id: added.id, name: added.name };
	};
	const storage = storageCredential('storage-1', {});

	const run = async (parameters: IDataObject, items: Array<Record<string, FileOnDisk>>, options: RunMediaOptions = {}) => {
		const storageRef = options.storage === undefined ? storage : options.storage;
		const threadsNode: INode = {
			id: 'threads',
			name: 'Threads',
			type: THREADS_NODE_TYPE,
			typeVersion: 2,
			position: [440, 0],
			parameters: parameters as INode['parameters'],
			credentials: {
				[THREADS_CREDENTIAL_TYPE]: options.threads ?? { id: threads.id, name: threads.name },
				...(storageRef ? { [STORAGE_CREDENTIAL_TYPE]: storageRef } : {}),
			},
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		};
		return await runWorkflow(
			{
				name: 'Threads media from binary data',
				nodes: [
					{ id: 't', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'f', name: 'Files', type: BINARY_FILES_TYPE, typeVersion: 1, position: [220, 0], parameters: {} },
					threadsNode,
				],
				connections: {
					[TRIGGER]: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
					Files: { main: [[{ node: 'Threads', type: 'main', index: 0 }]] },
				},
			},
			{ credentials: store, nodeTypes: { [BINARY_FILES_TYPE]: binaryFilesNode(items) } },
		);
	};

	// The first request settles the token's housekeeping, so later counts are the posts' own.
	await run({ resource: 'container', operation: 'create', mediaType: 'TEXT', text: 'warm-up' }, [{}]);
	sandbox.clearLog();

	return {
		sandbox,
		ceph,
		store,
		binary,
		threads: { id: threads.id, name: threads.name },
		storage,
		storageCredential,
		file: (name, mimeType, size) => {
			const signature = SIGNATURES[mimeType] ?? Buffer.alloc(0);
			const bytes = Buffer.concat([signature, randomBytes(Math.max(0, size - signature.length))]).subarray(0, size);
			const filePath = path.join(dir, name);
			writeFileSync(filePath, bytes);
			return { path: filePath, mimeType, fileName: name, size, sha256: createHash('sha256').update(bytes).digest('hex') };
		},
		largeFile: (name, mimeType, size) => {
			const filePath = path.join(dir, name);
			const hash = createHash('sha256');
			const fd = openSync(filePath, 'w');
			const signature = SIGNATURES[mimeType] ?? Buffer.alloc(0);
			for (let written = 0; written < size; ) {
				const chunk = written === 0 ? Buffer.concat([signature, randomBytes(1024 * 1024 - signature.length)]) : randomBytes(1024 * 1024);
				const part = chunk.subarray(0, Math.min(chunk.length, size - written));
				writeSync(fd, part);
				hash.update(part);
				written += part.length;
			}
			closeSync(fd);
			return { path: filePath, mimeType, fileName: name, size, sha256: hash.digest('hex') };
		},
		run,
		requests: () => sandbox.log.map((entry) => `${entry.method} ${entry.operation}`),
		bucket: () => ceph.listBucket().map((entry) => entry.name),
		close: async () => {
			restoreClock();
			await Promise.all([sandbox.close(), ceph.stop()]);
			binary.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
