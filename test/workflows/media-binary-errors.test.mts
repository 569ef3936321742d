/**
 * Media from binary data that cannot be posted end with an error that names the item, the file and
 * the rule, before any request to Threads and with nothing left in the bucket: a wrong secret, a
 * missing bucket, an oversized file, a wrong type, a missing field or credential, a storage or an
 * n8n that Threads cannot reach. With Continue On Fail each item gets its own result, paired with
 * it. Binary data held in memory (no id) is uploaded from its buffer; n8n cannot sign a URL for it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { useBinaryData } from '../helpers/binary-data.mts';
import type { WorkflowResult } from '../helpers/n8n-engine.mts';
import { type MediaRig, startMediaRig } from '../helpers/media-rig.mts';

let rig: MediaRig;
before(async () => {
	rig = await startMediaRig('filesystem');
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

const image = (parameters: IDataObject = {}) => ({
	resource: 'post',
	operation: 'publish',
	mediaType: 'IMAGE',
	mediaSource: 'binaryField',
	...parameters,
});

/** The run failed with a message matching `message`, without a request to Threads or an object left. */
function refused(result: WorkflowResult, message: RegExp, description?: RegExp) {
	assert.ok(result.error, 'the run failed');
	assert.match(result.error.message, message);
	if (description) assert.match(result.error.description ?? '', description);
	assert.deepEqual(rig.requests(), [], 'no request reached Threads');
	assert.deepEqual(rig.bucket(), [], 'nothing is left in the bucket');
}

test('a wrong secret: the storage refuses the upload, named with the file; Threads gets nothing', async () => {
	const wrong = rig.storageCredential('wrong-secret', { secretAccessKey: 'not-the-secret-0123456789abcdefghijklmn' });
	const result = await rig.run(image(), [{ data: rig.file('a.jpg', 'image/jpeg', 20_000) }], { storage: wrong });
	refused(result, /refused the request signature \(SignatureDoesNotMatch\)/, /Uploading input item 1's binary field "data" \(a\.jpg\) to the storage failed: nothing was sent to Threads/);
});

test('a missing bucket: named, nothing sent', async () => {
	const missing = rig.storageCredential('missing-bucket', { bucket: 'no-such-bucket-here' });
	const result = await rig.run(image(), [{ data: rig.file('b.jpg', 'image/jpeg', 20_000) }], { storage: missing });
	refused(result, /no-such-bucket-here.*\(NoSuchBucket\)/, /Check the Bucket/);
});

test('an oversized image: refused before any upload, naming the item, the file and the 8 MB rule', async () => {
	const big = rig.file('big.png', 'image/png', 8 * 1024 * 1024 + 1);
	const result = await rig.run(image(), [{ data: big }]);
	refused(result, /^Input item 1's binary field "data" \(big\.png\) is 8 MB \(8388609 bytes\): Threads accepts images of at most 8 MB/, /Nothing was sent to Threads/);
});

test('a wrong type, and a video given as an image: refused before any upload', async () => {
	const gif = await rig.run(image(), [{ data: rig.file('cat.gif', 'image/gif', 5_000) }]);
	refused(gif, /^Input item 1's binary field "data" \(cat\.gif\) is image\/gif, not an image Threads accepts \(JPEG or PNG\)/);
	const video = await rig.run(image(), [{ data: rig.file('clip.mp4', 'video/mp4', 5_000) }]);
	refused(video, /is a video \(video\/mp4\), but the Media Type is Image/);
	const carousel = await rig.run(
		image({ mediaType: 'CAROUSEL', carouselItems: { item: [{ mediaType: 'IMAGE', binaryPropertyName: 'a' }, { mediaType: 'VIDEO', binaryPropertyName: 'b' }] } }),
		[{ a: rig.file('a.jpg', 'image/jpeg', 5_000), b: rig.file('b.jpg', 'image/jpeg', 5_000) }],
	);
	refused(carousel, /^Carousel Item 2: input item 1's binary field "b" \(b\.jpg\) is an image \(image\/jpeg\), but the Media Type is Video/);
});

test('a missing binary field or storage credential: said plainly, nothing sent', async () => {
	const noField = await rig.run(image({ binaryPropertyName: 'photo' }), [{ data: rig.file('c.jpg', 'image/jpeg', 5_000) }]);
	refused(noField, /^Input item 1 has no binary field "photo": its binary fields are "data"/);
	const noCredential = await rig.run(image(), [{ data: rig.file('d.jpg', 'image/jpeg', 5_000) }], { storage: null });
	refused(noCredential, /Media Source "Binary Field" needs an S3-Compatible Storage credential/);
});

test('with Meta as the API, a storage on a private address and a loopback n8n are refused before anything is uploaded', async () => {
	const meta = rig.store.add({ id: 'threads-meta', name: 'Threads (Meta)', data: { authFlow: 'accessToken', accessToken: 'THAAmeta-token-never-sent', appId: '1', appSecret: 'meta-app-secret-never-sent' } });
	const threads = { id: meta.id, name: meta.name };
	const storage = await rig.run(image(), [{ data: rig.file('e.jpg', 'image/jpeg', 5_000) }], { threads });
	refused(storage, /media URLs would be on 127\.0\.0\.1:\d+ \(its Endpoint\), a local or private address Threads cannot download from/, /Public Base URL/);
	const signed = await rig.run(image({ mediaSource: 'signedUrl' }), [{ data: rig.file('f.jpg', 'image/jpeg', 5_000) }], { threads });
	refused(signed, /Signed URL From This Instance.*this n8n's URL is http:\/\/localhost:5678, a local or private address/, /WEBHOOK_URL/);
});

test('Continue On Fail: each input item gets its own result, paired with it; the failed one uploads nothing', async () => {
	const items = [{ data: rig.file('ok1.jpg', 'image/jpeg', 10_000) }, { data: rig.file('huge.jpg', 'image/jpeg', 9_000_000) }, { data: rig.file('ok2.jpg', 'image/jpeg', 10_000) }];
	const result = await rig.run(image(), items, { continueOnFail: true });
	assert.equal(result.error, undefined);
	const out = result.items('Threads');
	assert.deepEqual(out.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
	assert.equal(out[0].json.status, 'PUBLISHED');
	assert.match(String(out[1].json.error), /^Input item 2's binary field "data" \(huge\.jpg\) is 8\.6 MB/);
	assert.equal(out[2].json.status, 'PUBLISHED');
	assert.deepEqual([out[0].json.uploadedFilesDeleted, out[2].json.uploadedFilesDeleted], [true, true]);
	assert.equal(rig.requests().filter((request) => request === 'POST publish').length, 2, 'two posts were published');
	assert.deepEqual(rig.bucket(), []);
});

test('a post that fails after the upload (Threads cannot take the file): its upload is deleted and the error item says so', async () => {
	rig.sandbox.configure({ mediaMaxBytes: { IMAGE: 1000 } });
	const result = await rig.run(image(), [{ data: rig.file('g.jpg', 'image/jpeg', 10_000) }], { continueOnFail: true });
	rig.sandbox.configure({ mediaMaxBytes: { IMAGE: 8 * 1024 * 1024 } });
	const [out] = result.output('Threads');
	assert.ok(out.error, 'the item failed');
	assert.equal((out.uploadedKeys as string[]).length, 1);
	assert.equal(out.uploadedFilesDeleted, true);
	assert.match(String(out.description), /The uploaded files were deleted \(threads-media\//);
	assert.deepEqual(rig.bucket(), []);
});

test('binary data held in memory: uploaded from its buffer; a signed URL is refused as n8n cannot serve it', async () => {
	const filesystem = rig.binary;
	const memory = await useBinaryData('memory');
	try {
		const photo = rig.file('memory.jpg', 'image/jpeg', 25_000);
		const before = (await rig.sandbox.settleMedia()).length;
		const result = await rig.run(image(), [{ data: photo }]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.output('Threads')[0].uploadedFilesDeleted, true);
		const [fetched] = (await rig.sandbox.settleMedia()).slice(before);
		assert.equal(fetched.sha256, photo.sha256);
		rig.sandbox.clearLog();
		const signed = await rig.run(image({ mediaSource: 'signedUrl' }), [{ data: photo }]);
		refused(signed, /input item 1's binary field "data" \(memory\.jpg\) is held in memory, and n8n signs URLs only for binary data it stores/);
	} finally {
		memory.close();
		rig.binary = await useBinaryData('filesystem');
		filesystem.close();
	}
});
