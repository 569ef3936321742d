// Skip If Already Posted Within with media from binary data: a post found among the recent ones is
// not uploaded at all. The storage is a stand-in that records every request and refuses it, so an
// upload would show (and fail); Threads downloads nothing from it here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import type { ICredentialType, IDataObject } from 'n8n-workflow';

import { BINARY_FILES_TYPE, type BinaryStore, binaryFilesNode, useBinaryData } from '../helpers/binary-data.mts';
import { type Rig, startRig } from '../helpers/fixtures.mts';
import { CredentialStore, THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE, loadBuilt, loadCredentialType, runWorkflow } from '../helpers/n8n-engine.mts';
import { driveNodeClockWithSandbox } from '../helpers/publishing-rig.mts';
import { STORAGE_CREDENTIAL_TYPE as STORAGE_TYPE } from '../helpers/storage-rig.mts';

const TRIGGER = 'When clicking ‘Execute workflow’';

let rig: Rig;
let binary: BinaryStore;
let storage: Server;
let restoreClock: () => void;
let dir: string;
const storageRequests: string[] = [];
const store = new CredentialStore({
	[THREADS_CREDENTIAL_TYPE]: loadCredentialType(),
	[STORAGE_TYPE]: loadBuilt<ICredentialType>('credentials/S3CompatibleStorage.credentials.js', 'S3CompatibleStorage'),
});

before(async () => {
	rig = await startRig();
	restoreClock = driveNodeClockWithSandbox(rig.sandbox);
	binary = await useBinaryData('filesystem');
	dir = mkdtempSync(path.join(tmpdir(), 'threads-skip-media-'));
	storage = createServer((req, res) => {
		storageRequests.push(`${req.method} ${req.url}`);
		req.resume();
		res.writeHead(403, { 'content-type': 'application/xml' });
		res.end('<Error><Code>AccessDenied</Code><Message>stand-in storage</Message></Error>');
	});
	await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
	// The rig's Threads credential, in a store that also knows the storage credential's type.
	store.add(rig.credential);
	store.add({
		id: 'storage-1',
		name: 'Stand-in storage',
		type: STORAGE_TYPE,
		data: {
			endpoint: `http://127.0.0.1:${(storage.address() as AddressInfo).port}`,
			region: 'us-east-1',
			bucket: 'media',
			accessKeyId: 'AKIASTANDIN000000000',
			secretAccessKey: 'stand-in-secret-0123456789abcdefghijklmn',
			forcePathStyle: true,
			publicBaseUrl: 'https://media.example.com',
		},
	});
});
beforeEach(() => {
	rig.sandbox.clearLog();
	storageRequests.length = 0;
});
after(async () => {
	restoreClock();
	await rig.close();
	await new Promise((resolve) => storage.close(resolve));
	binary.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Manual Trigger -> a binary JPEG item -> Threads > Publish (version 2) with these parameters. */
async function publish(parameters: IDataObject) {
	const photo = path.join(dir, 'photo.jpg');
	writeFileSync(photo, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20_000, 7)]));
	return await runWorkflow(
		{
			name: 'Skip with binary media',
			nodes: [
				{ id: 't', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'f', name: 'Files', type: BINARY_FILES_TYPE, typeVersion: 1, position: [220, 0], parameters: {} },
				{
					id: 'p',
					name: 'Threads',
					type: THREADS_NODE_TYPE,
					typeVersion: 2,
					position: [440, 0],
					parameters: { resource: 'post', operation: 'publish', mediaType: 'IMAGE', ...parameters },
					credentials: {
						[THREADS_CREDENTIAL_TYPE]: rig.ref,
						[STORAGE_TYPE]: { id: 'storage-1', name: 'Stand-in storage' },
					},
				},
			],
			connections: {
				[TRIGGER]: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
				Files: { main: [[{ node: 'Threads', type: 'main', index: 0 }]] },
			},
		},
		{ credentials: store, nodeTypes: { [BINARY_FILES_TYPE]: binaryFilesNode([{ data: { path: photo, mimeType: 'image/jpeg' } }]) } },
	);
}

const created = () => rig.sandbox.log.filter((entry) => entry.operation === 'createContainer').length;

test('an image from a binary field that was already posted is found before any upload', async () => {
	const text = 'Skip: the harbour at dawn';
	const first = await publish({ text, imageUrl: 'https://cdn.example.com/harbour.jpg', options: { includePermalink: false } });
	assert.equal(first.error, undefined, first.error?.message);
	rig.sandbox.clearLog();

	const again = await publish({ text, mediaSource: 'binaryField', options: { skipIfPostedWithinMinutes: 60 } });
	assert.equal(again.error, undefined, again.error?.message);
	const [out] = again.output('Threads');
	assert.equal(out.status, 'ALREADY_PUBLISHED');
	assert.equal(out.id, first.output('Threads')[0].id);
	assert.equal(out.uploadedKeys, undefined, 'no upload report: nothing was uploaded');
	assert.deepEqual(storageRequests, [], 'the storage got no request');
	assert.equal(created(), 0);
});

test('the same item with the option off is uploaded (the stand-in storage refuses it): the test sees uploads', async () => {
	const result = await publish({ text: 'Skip: the harbour at dawn', mediaSource: 'binaryField' });
	assert.match(String(result.error?.message), /denied access to bucket "media"/);
	assert.ok(storageRequests.length > 0, 'the upload reached the storage');
	assert.equal(created(), 0);
});
