/**
 * The storage layer (as built in dist/) against a real S3 server, Ceph's radosgw, which checks the
 * header signature, the payload hash, presigned URLs and their expiry: run inside n8n's engine, so
 * every request goes through n8n's httpRequestWithAuthentication and the credential's authenticate().
 * Downloads use plain fetch() on the returned URL. The bucket is listed with radosgw-admin, which
 * also shows the parts of unfinished multipart uploads.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type CephS3, startCeph } from '../../scripts/ceph.mts';
import type { CredentialStore } from '../helpers/n8n-engine.mts';
import { builtStorage, inN8n, type ProbeResult, STORAGE_CREDENTIAL_TYPE, storageCredentialStore } from '../helpers/storage-rig.mts';

const MB = 1_000_000;
const storage = builtStorage();
let ceph: CephS3;
let store: CredentialStore;

function addCredential(id: string, overrides: IDataObject = {}) {
	store.add({
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
}

/** `size` random bytes in 64 KiB chunks, hashed as they are made; optionally failing after `failAfter` bytes. */
function generated(size: number, failAfter = Infinity): { stream: Readable; sha256: () => string } {
	const hash = createHash('sha256');
	async function* chunks() {
		for (let sent = 0; sent < size; ) {
			if (sent >= failAfter) throw new Error('disk read failed');
			const chunk = randomBytes(Math.min(65536, size - sent));
			hash.update(chunk);
			sent += chunk.length;
			yield chunk;
		}
	}
	return { stream: Readable.from(chunks()), sha256: () => hash.digest('hex') };
}

async function download(url: string): Promise<{ status: number; type: string | null; sha256: string; size: number; body: string }> {
	const response = await fetch(url);
	const hash = createHash('sha256');
	let size = 0;
	let text = '';
	for await (const chunk of response.body ?? []) {
		hash.update(chunk);
		size += chunk.length;
		if (text.length < 2000) text += Buffer.from(chunk).toString('utf8', 0, 2000);
	}
	return { status: response.status, type: response.headers.get('content-type'), sha256: hash.digest('hex'), size, body: response.status === 200 ? '' : text };
}

function ok(result: ProbeResult): IDataObject {
	assert.equal(result.error, undefined, `${result.error?.message} / ${result.error?.description}`);
	assert.ok(result.json);
	return result.json;
}

/** Parts and metadata of multipart uploads never completed nor aborted. */
function unfinishedUploads() {
	return ceph.listBucket().filter((entry) => entry.multipart);
}

describe('S3-compatible storage against Ceph radosgw, through n8n', { timeout: 10 * 60_000 }, () => {
	before(async () => {
		ceph = await startCeph({ log: (line) => console.log(`# ${line}`) });
		store = storageCredentialStore();
		addCredential('ceph');
	});
	after(async () => await ceph?.stop());

	it('a small image goes up in one PUT; its presigned URL serves the same bytes and content type', async () => {
		const bytes = randomBytes(200_000);
		const uploaded = ok(
			await inN8n(store, 'ceph', async (context) => {
				const settings = await storage.readStorageSettings(context);
				return { ...(await storage.uploadMedia(context, settings, { buffer: bytes, size: bytes.length, contentType: 'image/png', fileName: 'Photo été.png' })) };
			}),
		);
		assert.match(String(uploaded.key), /^threads-media\/\d{4}-\d\d-\d\d\/[0-9a-f]{16}-Photo-ete\.png$/);
		assert.equal(uploaded.parts, 1);
		assert.match(String(uploaded.url), /X-Amz-Signature=[0-9a-f]{64}$/);
		assert.ok(Date.parse(String(uploaded.expiresAt)) > Date.now() + 3500_000);
		const got = await download(String(uploaded.url));
		assert.deepEqual([got.status, got.type, got.size], [200, 'image/png', bytes.length]);
		assert.equal(got.sha256, createHash('sha256').update(bytes).digest('hex'));
		assert.deepEqual(ceph.listBucket().filter((entry) => entry.name === uploaded.key).map((entry) => entry.size), [bytes.length]);
	});

	it('a 20 MB stream goes up in 8 MiB parts, read part by part, and comes back identical', async () => {
		const source = generated(20 * MB);
		const uploaded = ok(
			await inN8n(store, 'ceph', async (context) => {
				const settings = await storage.readStorageSettings(context);
				return { ...(await storage.uploadMedia(context, settings, { stream: source.stream, size: 20 * MB, contentType: 'video/mp4', fileName: 'clip.mp4' })) };
			}),
		);
		assert.equal(uploaded.parts, 3);
		const got = await download(String(uploaded.url));
		assert.deepEqual([got.status, got.type, got.size], [200, 'video/mp4', 20 * MB]);
		assert.equal(got.sha256, source.sha256());
		assert.deepEqual(unfinishedUploads(), []);
	});

	it('a presigned URL is refused once expired, or with its signature changed; a public base URL is not signed', async () => {
		const bytes = randomBytes(1000);
		const result = ok(
			await inN8n(store, 'ceph', async (context) => {
				const settings = await storage.readStorageSettings(context);
				const { key, url } = await storage.uploadMedia(context, settings, { buffer: bytes, size: bytes.length, contentType: 'image/jpeg' });
				const expired = storage.mediaUrl(settings, key, new Date(Date.now() - 3601_000)).url;
				const publicUrl = storage.mediaUrl({ ...settings, publicBaseUrl: 'https://cdn.example.com/m' }, key);
				return { key, url, expired, publicUrl: publicUrl.url, publicExpiry: publicUrl.expiresAt ?? null };
			}),
		);
		assert.equal((await download(String(result.url))).status, 200);
		const expired = await download(String(result.expired));
		assert.equal(expired.status, 403);
		assert.match(expired.body, /AccessDenied|RequestExpired|expired/i);
		const tampered = String(result.url).replace(/.$/, (last) => (last === '0' ? '1' : '0'));
		assert.equal((await download(tampered)).status, 403);
		assert.equal(result.publicUrl, `https://cdn.example.com/m/${String(result.key)}`);
		assert.equal(result.publicExpiry, null);
	});

	it('a wrong secret is refused with a message naming the rule, and the secret appears nowhere', async () => {
		addCredential('wrong-secret', { secretAccessKey: 'wrong-secret-0123456789abcdef' });
		const bytes = randomBytes(1000);
		// runWorkflow fails the test if either secret reaches the run's data, errors or logs.
		const upload = await inN8n(store, 'wrong-secret', async (context) => {
			const settings = await storage.readStorageSettings(context);
			return { ...(await storage.uploadMedia(context, settings, { buffer: bytes, size: bytes.length, contentType: 'image/png' })) };
		});
		assert.match(String(upload.error?.message), /refused the request signature \(SignatureDoesNotMatch\)/);
		assert.match(String(upload.error?.description), /Secret Access Key does not belong to the Access Key ID/);
		const check = await inN8n(store, 'wrong-secret', async (context) => {
			await storage.checkBucket(context, await storage.readStorageSettings(context));
			return {};
		});
		assert.match(String(check.error?.message), /refused these keys for bucket "threads-media-test" at 127\.0\.0\.1:\d+ \(HTTP 403\)/);
	});

	it('a bucket that does not exist is named', async () => {
		addCredential('no-bucket', { bucket: 'no-such-bucket-here' });
		const upload = await inN8n(store, 'no-bucket', async (context) => {
			const settings = await storage.readStorageSettings(context);
			return { ...(await storage.uploadMedia(context, settings, { buffer: Buffer.from('x'), size: 1, contentType: 'image/png' })) };
		});
		assert.match(String(upload.error?.message), /There is no bucket "no-such-bucket-here" at 127\.0\.0\.1:\d+ \(NoSuchBucket\)/);
		const check = await inN8n(store, 'no-bucket', async (context) => {
			await storage.checkBucket(context, await storage.readStorageSettings(context));
			return {};
		});
		assert.match(String(check.error?.message), /There is no bucket "no-such-bucket-here" .*\(HTTP 404\)/);
		const good = await inN8n(store, 'ceph', async (context) => {
			await storage.checkBucket(context, await storage.readStorageSettings(context));
			return { reachable: true };
		});
		assert.equal(ok(good).reachable, true);
	});

	it('a multipart upload whose stream fails half way is aborted: no object, no parts left', async () => {
		const source = generated(40 * MB, 20 * MB);
		const result = await inN8n(store, 'ceph', async (context) => {
			const settings = await storage.readStorageSettings(context);
			return { ...(await storage.uploadMedia(context, settings, { stream: source.stream, size: 40 * MB, contentType: 'video/mp4', fileName: 'broken.mp4' })) };
		});
		assert.match(String(result.error?.message), /Reading the media failed while uploading "threads-media\/.*-broken\.mp4": disk read failed/);
		assert.match(String(result.error?.description), /aborted: the storage keeps none of its parts/);
		assert.deepEqual(unfinishedUploads(), []);
		assert.deepEqual(ceph.listBucket().filter((entry) => entry.name.endsWith('broken.mp4')), []);
	});

	it('a stream shorter than announced fails and is aborted too', async () => {
		const source = generated(12 * MB);
		const result = await inN8n(store, 'ceph', async (context) => {
			const settings = await storage.readStorageSettings(context);
			return { ...(await storage.uploadMedia(context, settings, { stream: source.stream, size: 30 * MB, contentType: 'video/mp4', fileName: 'short.mp4' })) };
		});
		assert.match(String(result.error?.message), /held 12000000 bytes, not the 30000000 announced/);
		assert.deepEqual(unfinishedUploads(), []);
		assert.deepEqual(ceph.listBucket().filter((entry) => entry.name.endsWith('short.mp4')), []);
	});

	it('deleting what was uploaded leaves the bucket empty; a key outside the prefix is refused', async () => {
		const keys = ceph.listBucket().map((entry) => entry.name);
		assert.equal(keys.length, 3, `the uploads of the tests above: ${keys.join(', ')}`);
		const refused = await inN8n(store, 'ceph', async (context) => ({ ...(await storage.deleteMedia(context, await storage.readStorageSettings(context), [...keys, 'other/file.jpg'])) }));
		assert.match(String(refused.error?.message), /Refused to delete "other\/file\.jpg": it is not under the Key Prefix "threads-media\/"/);
		assert.equal(ceph.listBucket().length, keys.length, 'nothing was deleted');
		const deleted = ok(await inN8n(store, 'ceph', async (context) => ({ ...(await storage.deleteMedia(context, await storage.readStorageSettings(context), keys)) })));
		assert.deepEqual(deleted.deleted, keys);
		assert.deepEqual(ceph.listBucket(), []);
	});
});
