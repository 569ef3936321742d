// Staging media from binary data around a post, with n8n's helpers and the storage answered by fakes: what is
// uploaded, what is deleted and when (after the post, after a failure, after a cancellation), what the output says.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { MediaPlan, PlannedFile } from '../../nodes/Threads/media/mediaPlan.ts';
import { withStagedMedia } from '../../nodes/Threads/media/stageMedia.ts';
import { storageSettingsFrom } from '../../nodes/Threads/storage/storageSettings.ts';

const storage = storageSettingsFrom({
	endpoint: 'https://s3.eu-west-1.amazonaws.com',
	region: 'eu-west-1',
	bucket: 'media-bucket',
	accessKeyId: 'AKIDEXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
});

function file(name: string): PlannedFile {
	return { inputItem: 0, property: name, binary: { data: '', mimeType: 'image/png' }, fileName: `${name}.png`, contentType: 'image/png', size: 3, label: `input item 1's binary field "${name}"`, kind: 'IMAGE' };
}

interface Fake {
	context: IExecuteFunctions;
	requests: string[];
	abort(): void;
}

/** A node context whose storage requests are recorded and answered 200 (DELETE fails when `failDeletes`). */
function fakeContext({ failDeletes = false, onPut }: { failDeletes?: boolean; onPut?: () => void } = {}): Fake {
	const controller = new AbortController();
	const requests: string[] = [];
	const context = {
		getNode: () => ({ id: 'n', name: 'Threads', type: 'threads', typeVersion: 2, position: [0, 0], parameters: {} }),
		getExecutionCancelSignal: () => controller.signal,
		helpers: {
			getBinaryDataBuffer: async () => Buffer.from('png'),
			httpRequestWithAuthentication: async (_type: string, options: { method: string; url: string }) => {
				requests.push(`${options.method} ${decodeURIComponent(options.url)}`);
				if (options.method === 'PUT') onPut?.();
				if (options.method === 'DELETE' && failDeletes) return { statusCode: 403, headers: {}, body: '<Error><Code>AccessDenied</Code></Error>' };
				return { statusCode: 200, headers: {}, body: '' };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests, abort: () => controller.abort() };
}

const plan = (keep = false): MediaPlan => ({ source: 'binaryField', files: [file('one'), file('two')], storage, keep });
const keysOf = (requests: string[], method: string) => requests.filter((r) => r.startsWith(method)).map((r) => r.split(' ')[1]);

test('after the post: each file uploaded once, the URLs handed to the post in order, the uploads deleted, the output says so', async () => {
	const fake = fakeContext();
	let urls: string[] = [];
	const result = await withStagedMedia(fake.context, 0, plan(), async (staged) => {
		urls = staged;
		assert.equal(keysOf(fake.requests, 'DELETE').length, 0, 'nothing deleted while publishing');
		return { id: '1' } as IDataObject;
	});
	const puts = keysOf(fake.requests, 'PUT');
	assert.equal(puts.length, 2);
	assert.match(urls[0], /^https:\/\/media-bucket\.s3\.eu-west-1\.amazonaws\.com\/threads-media\/.+-one\.png\?X-Amz-/);
	assert.match(urls[1], /-two\.png\?/);
	assert.deepEqual(keysOf(fake.requests, 'DELETE').sort(), [...puts].sort());
	const keys = result.uploadedKeys as string[];
	assert.deepEqual([...keys].sort(), puts.map((put) => put.slice(1)).sort());
	assert.match(keys[0], /-one\.png$/, 'keys in the files\' order');
	assert.match(keys[1], /-two\.png$/);
	assert.equal(result.uploadedFilesDeleted, true);
});

test('a post that fails: the uploads are deleted and the error carries the keys and says so', async () => {
	const fake = fakeContext();
	const failure: Error & { description?: string; context?: IDataObject } = Object.assign(new Error('Threads refused the post'), { description: 'Meta said no.' });
	await assert.rejects(
		withStagedMedia(fake.context, 0, plan(), async () => {
			throw failure;
		}),
		(error: Error & { description?: string; context?: IDataObject }) => {
			assert.equal(error, failure);
			assert.match(error.description ?? '', /^Meta said no\. The uploaded files were deleted \(threads-media\//);
			assert.equal((error.context?.uploadedKeys as string[]).length, 2);
			assert.equal(error.context?.uploadedFilesDeleted, true);
			return true;
		},
	);
	assert.equal(keysOf(fake.requests, 'DELETE').length, 2);
});

test('a cancelled execution does not publish: what was uploaded is deleted', async () => {
	let fake: Fake | undefined;
	fake = fakeContext({ onPut: () => fake?.abort() });
	let published = false;
	await assert.rejects(
		withStagedMedia(fake.context, 0, plan(), async () => {
			published = true;
			return {};
		}),
		/The execution was cancelled before publishing/,
	);
	assert.equal(published, false);
	assert.deepEqual(keysOf(fake.requests, 'DELETE').sort(), keysOf(fake.requests, 'PUT').sort());
});

test('Keep Uploaded Files: nothing deleted, after the post or after a failure', async () => {
	const fake = fakeContext();
	const result = await withStagedMedia(fake.context, 0, plan(true), async () => ({ id: '1' }) as IDataObject);
	assert.equal(result.uploadedFilesDeleted, false);
	await assert.rejects(withStagedMedia(fake.context, 0, plan(true), async () => Promise.reject(new Error('no'))));
	assert.equal(keysOf(fake.requests, 'DELETE').length, 0);
});

test('a delete that fails after a published post: the post stands, the output names the keys and why', async () => {
	const fake = fakeContext({ failDeletes: true });
	const result = await withStagedMedia(fake.context, 0, plan(), async () => ({ id: '1' }) as IDataObject);
	assert.equal(result.id, '1');
	assert.equal(result.uploadedFilesDeleted, false);
	assert.match(String(result.uploadCleanupError), /AccessDenied/);
	assert.doesNotMatch(JSON.stringify(result), /wJalrXUtnFEMI/);
});
