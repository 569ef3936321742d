/**
 * Posts whose media come from n8n binary data (Media Source: Binary Field), through n8n's engine
 * with binary data in filesystem mode (streamed uploads), a real S3 server (Ceph) and the sandbox,
 * which downloads the presigned URL as Meta would: the bytes Threads got are the file's (same
 * SHA-256), and the bucket is empty afterwards.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { type MediaRig, startMediaRig } from '../helpers/media-rig.mts';
import { type WorkflowJson, repoRoot, runWorkflow } from '../helpers/n8n-engine.mts';

let rig: MediaRig;
before(async () => {
	rig = await startMediaRig('filesystem');
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

const publish = (parameters: IDataObject) => ({
	resource: 'post',
	operation: 'publish',
	mediaSource: 'binaryField',
	...parameters,
});

/** The sandbox's downloads since the last reset, settled. */
async function downloads() {
	return await rig.sandbox.settleMedia();
}

test('an image post from a binary field: uploaded, downloaded by Threads byte for byte, published, deleted', async () => {
	const photo = rig.file('harbour photo.jpg', 'image/jpeg', 300_000);
	const before = (await downloads()).length;
	const result = await rig.run(publish({ mediaType: 'IMAGE', text: 'From binary data' }), [{ data: photo }]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(out.status, 'PUBLISHED');
	assert.equal(out.mediaType, 'IMAGE');
	assert.equal((out.uploadedKeys as string[]).length, 1);
	assert.match((out.uploadedKeys as string[])[0], /^threads-media\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{16}-harbour-photo\.jpg$/);
	assert.equal(out.uploadedFilesDeleted, true);
	const fetched = (await downloads()).slice(before);
	assert.equal(fetched.length, 1);
	assert.equal(fetched[0].state, 'ok');
	assert.equal(fetched[0].contentType, 'image/jpeg');
	assert.equal(fetched[0].sha256, photo.sha256, 'Threads downloaded the same bytes');
	assert.match(fetched[0].url, /X-Amz-Signature=/, 'through a presigned URL');
	const post = rig.sandbox.published().find((p) => p.id === out.id);
	assert.ok(post, 'the post exists');
	assert.deepEqual(rig.bucket(), [], 'the bucket is empty afterwards');
});

test('a carousel of 3 input items, each with its binary file: 3 uploads, 3 downloads with the same bytes, one post, nothing left', async () => {
	const files = [rig.file('one.jpg', 'image/jpeg', 120_000), rig.file('two.png', 'image/png', 90_000), rig.file('three.jpg', 'image/jpeg', 60_000)];
	const before = (await downloads()).length;
	const result = await rig.run(publish({ mediaType: 'CAROUSEL', carouselSource: 'inputItems', text: 'Three from binary' }), files.map((data) => ({ data })));
	assert.equal(result.error, undefined, result.error?.message);
	const items = result.items('Threads');
	assert.equal(items.length, 1, 'one post for the run');
	assert.deepEqual(items[0].pairedItem, [{ item: 0 }, { item: 1 }, { item: 2 }]);
	const out = items[0].json;
	assert.equal(out.mediaType, 'CAROUSEL');
	assert.equal((out.childContainerIds as string[]).length, 3);
	assert.equal((out.uploadedKeys as string[]).length, 3);
	assert.equal(out.uploadedFilesDeleted, true);
	const fetched = (await downloads()).slice(before);
	assert.deepEqual(
		fetched.map((d) => d.sha256).sort(),
		files.map((f) => f.sha256).sort(),
		'Threads downloaded each file once, byte for byte',
	);
	const byContainer = new Map(fetched.map((d) => [d.containerId, d.sha256]));
	assert.deepEqual(
		(out.childContainerIds as string[]).map((id) => byContainer.get(id)),
		files.map((f) => f.sha256),
		'each carousel item holds its own input item\'s file, in order',
	);
	assert.deepEqual(rig.bucket(), []);
});

test('a carousel listed in the node from 3 binary fields of one item (two images and a 20 MB video, uploaded in parts)', async () => {
	const photo1 = rig.file('p1.jpg', 'image/jpeg', 50_000);
	const photo2 = rig.file('p2.png', 'image/png', 70_000);
	const clip = rig.file('clip.mp4', 'video/mp4', 20_000_000);
	const before = (await downloads()).length;
	const result = await rig.run(
		publish({
			mediaType: 'CAROUSEL',
			carouselSource: 'node',
			carouselItems: {
				item: [
					{ mediaType: 'IMAGE', binaryPropertyName: 'photo1', altText: 'first' },
					{ mediaType: 'IMAGE', binaryPropertyName: 'photo2' },
					{ mediaType: 'VIDEO', binaryPropertyName: 'clip' },
				],
			},
		}),
		[{ photo1, photo2, clip }],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(out.status, 'PUBLISHED');
	assert.equal((out.uploadedKeys as string[]).length, 3);
	assert.match((out.uploadedKeys as string[])[2], /-clip\.mp4$/);
	const fetched = (await downloads()).slice(before);
	const byContainer = new Map(fetched.map((d) => [d.containerId, d]));
	const children = (out.childContainerIds as string[]).map((id) => byContainer.get(id));
	assert.deepEqual(children.map((d) => d?.sha256), [photo1.sha256, photo2.sha256, clip.sha256]);
	assert.deepEqual(children.map((d) => d?.contentType), ['image/jpeg', 'image/png', 'video/mp4']);
	assert.equal(children[2]?.bytes, 20_000_000);
	const alt = rig.sandbox.containers().find((c) => c.id === (out.childContainerIds as string[])[0]);
	assert.equal(alt?.params.alt_text, 'first');
	assert.deepEqual(rig.bucket(), [], 'no object and no multipart part left');
});

test('a 256 MB video is streamed from n8n\'s binary store in parts: the process grows by far less than the file', async () => {
	const size = 256 * 1024 * 1024;
	const clip = rig.largeFile('long.mp4', 'video/mp4', size);
	const before = (await downloads()).length;
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	try {
		const result = await rig.run(publish({ mediaType: 'VIDEO' }), [{ data: clip }]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.output('Threads')[0].uploadedFilesDeleted, true);
	} finally {
		clearInterval(sampler);
	}
	const [fetched] = (await downloads()).slice(before);
	assert.equal(fetched.sha256, clip.sha256);
	assert.equal(fetched.bytes, size);
	const grewMb = Math.round((peak - baseline) / (1024 * 1024));
	console.log(`# ${size / (1024 * 1024)} MB video: the test process grew by ${grewMb} MB at most`);
	assert.ok(peak - baseline < size / 3, `grew by ${grewMb} MB`);
	assert.deepEqual(rig.bucket(), []);
});

test('Keep Uploaded Files keeps them: the post is published and its objects stay in the bucket', async () => {
	const photo = rig.file('kept.jpg', 'image/jpeg', 40_000);
	const result = await rig.run(publish({ mediaType: 'IMAGE', options: { keepUploadedFiles: true } }), [{ data: photo }]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(out.status, 'PUBLISHED');
	assert.equal(out.uploadedFilesDeleted, false);
	assert.deepEqual(rig.bucket(), out.uploadedKeys);
	rig.ceph.admin(['object', 'rm', `--bucket=${rig.ceph.bucket}`, `--object=${(out.uploadedKeys as string[])[0]}`]);
	assert.deepEqual(rig.bucket(), []);
});

test('Reply > Create with an image from binary data, and Media Container > Create, which waits for Threads to fetch it before deleting it', async () => {
	const photo = rig.file('reply.png', 'image/png', 30_000);
	const first = await rig.run(publish({ mediaType: 'IMAGE' }), [{ data: photo }]);
	const postId = first.output('Threads')[0].id as string;
	const reply = await rig.run(
		{ resource: 'reply', operation: 'create', mediaSource: 'binaryField', replyToId: { __rl: true, mode: 'id', value: postId }, mediaType: 'IMAGE', text: 'A reply with a picture' },
		[{ data: photo }],
	);
	assert.equal(reply.error, undefined, reply.error?.message);
	const [answer] = reply.output('Threads');
	assert.equal(answer.replyToId, postId);
	assert.equal(answer.uploadedFilesDeleted, true);

	const container = await rig.run({ resource: 'container', operation: 'create', mediaSource: 'binaryField', mediaType: 'IMAGE', isCarouselItem: true }, [{ data: photo }]);
	assert.equal(container.error, undefined, container.error?.message);
	const [made] = container.output('Threads');
	assert.equal(made.isCarouselItem, true);
	assert.equal(made.uploadedFilesDeleted, true);
	const view = rig.sandbox.containers().find((c) => c.id === made.id);
	assert.equal(view?.status, 'FINISHED', 'processed before the upload was deleted');
	assert.equal(view?.download?.sha256, photo.sha256);
	assert.deepEqual(rig.bucket(), []);
});

/** HTTP Request (Response Format: File) as a stand-in: downloads the URL into binary data "data". */
const httpRequestFile = {
	description: {
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		version: [4, 4.1, 4.2],
		description: '',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	},
	async execute(this: IExecuteFunctions) {
		const out = [];
		for (const [index] of this.getInputData().entries()) {
			const url = this.getNodeParameter('url', index) as string;
			const response = await fetch(url);
			const bytes = Buffer.from(await response.arrayBuffer());
			const binary = await this.helpers.prepareBinaryData(bytes, path.basename(new URL(url).pathname), response.headers.get('content-type') ?? undefined);
			out.push({ json: {}, binary: { data: binary }, pairedItem: { item: index } });
		}
		return [out];
	},
} as unknown as INodeType;

test('examples/post-image-from-http-download.json: the downloaded image is posted through the storage', async () => {
	const photo = rig.file('lake.jpg', 'image/jpeg', 150_000);
	const server = createServer((_req, res) => {
		res.writeHead(200, { 'content-type': 'image/jpeg' });
		res.end(readFileSync(photo.path));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const workflow = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'post-image-from-http-download.json'), 'utf8')) as WorkflowJson;
		const threads = workflow.nodes.find((node) => node.name === 'Threads');
		const download = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.httpRequest');
		assert.ok(threads?.credentials && download, 'the example has a Threads node and an HTTP Request node');
		assert.match(JSON.stringify(download.parameters.options), /"responseFormat":"file"/, 'the download is a file');
		threads.credentials = { threadsOAuth2Api: rig.threads, threadsS3Storage: rig.storage };
		download.parameters.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lake.jpg`;
		const before = (await downloads()).length;
		const result = await runWorkflow(workflow, { credentials: rig.store, nodeTypes: { 'n8n-nodes-base.httpRequest': httpRequestFile } });
		assert.equal(result.error, undefined, result.error?.message);
		const [out] = result.output('Threads');
		assert.equal(out.status, 'PUBLISHED');
		assert.equal(out.uploadedFilesDeleted, true);
		const [fetched] = (await downloads()).slice(before);
		assert.equal(fetched.sha256, photo.sha256);
		assert.deepEqual(rig.bucket(), []);
	} finally {
		server.close();
	}
});
