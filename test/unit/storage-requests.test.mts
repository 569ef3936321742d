import assert from 'node:assert/strict';
import { test } from 'node:test';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { S3CompatibleStorage } from '../../credentials/S3CompatibleStorage.credentials.ts';
import { MIN_PART_SIZE, partSizeFor } from '../../nodes/Threads/storage/multipartUpload.ts';
import { PartReader } from '../../nodes/Threads/storage/partReader.ts';
import { describeS3Failure } from '../../nodes/Threads/storage/s3Errors.ts';
import { signStorageRequest } from '../../nodes/Threads/storage/signStorageRequest.ts';
import { EMPTY_SHA256, UNSIGNED_PAYLOAD, sha256Hex } from '../../nodes/Threads/storage/sigv4.ts';
import { STORAGE_CREDENTIAL_TYPE, storageSettingsFrom } from '../../nodes/Threads/storage/storageSettings.ts';

const data = {
	endpoint: 'http://127.0.0.1:7480',
	region: 'us-east-1',
	bucket: 'media',
	accessKeyId: 'AKIDLOCAL',
	secretAccessKey: 'local-secret-key-0123456789',
	forcePathStyle: true,
};
const settings = storageSettingsFrom(data);
const NOW = new Date('2026-01-02T03:04:05Z');

test('a bucket path resolves to the object URL; qs joins the query in canonical order', () => {
	const signed = signStorageRequest(settings, { method: 'PUT', url: '/threads-media/a%20b.jpg?uploadId=x~1', qs: { partNumber: 2 } }, NOW);
	assert.equal(signed.url, 'http://127.0.0.1:7480/media/threads-media/a%20b.jpg?partNumber=2&uploadId=x~1');
	assert.equal(signed.qs, undefined);
	assert.equal(signed.baseURL, undefined);
	const bucket = signStorageRequest(settings, { method: 'HEAD', url: '/' }, NOW);
	assert.equal(bucket.url, 'http://127.0.0.1:7480/media/');
	const virtual = storageSettingsFrom({ ...data, endpoint: 'https://s3.eu-west-1.amazonaws.com', forcePathStyle: false });
	assert.equal(signStorageRequest(virtual, { url: '/k?uploads' }, NOW).url, 'https://media.s3.eu-west-1.amazonaws.com/k?uploads=');
});

test('the payload hash: a Buffer or string body is hashed, no body is the empty hash, a stream is unsigned', () => {
	const hashOf = (options: Partial<IHttpRequestOptions>) =>
		(signStorageRequest(settings, { url: '/k', ...options }, NOW).headers as Record<string, string>)['x-amz-content-sha256'];
	assert.equal(hashOf({ method: 'PUT', body: Buffer.from('part') }), sha256Hex('part'));
	assert.equal(hashOf({ method: 'POST', body: '<xml/>' }), sha256Hex('<xml/>'));
	assert.equal(hashOf({ method: 'GET' }), EMPTY_SHA256);
	assert.equal(hashOf({ method: 'PUT', body: { pipe() {} } as never }), UNSIGNED_PAYLOAD);
	assert.equal(hashOf({ method: 'PUT', body: Buffer.from('x'), headers: { 'X-Amz-Content-Sha256': UNSIGNED_PAYLOAD } }), UNSIGNED_PAYLOAD);
});

test('signed headers: old Authorization dropped, Content-Type kept unsigned, session token signed', () => {
	const signed = signStorageRequest(
		storageSettingsFrom({ ...data, sessionToken: 'session-token-value' }),
		{ method: 'PUT', url: '/k', body: Buffer.from('x'), headers: { Authorization: 'Bearer old', 'Content-Type': 'image/png' } },
		NOW,
	);
	const headers = signed.headers as Record<string, string>;
	assert.equal(headers.Authorization, undefined);
	assert.equal(headers['Content-Type'], 'image/png');
	assert.equal(headers['x-amz-security-token'], 'session-token-value');
	assert.match(headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDLOCAL\/20260102\/us-east-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
	assert.ok(!JSON.stringify(signed).includes(data.secretAccessKey));
});

test('the credential: its type name is the one the storage layer asks for; its test is a signed HEAD of the bucket', async () => {
	const credential = new S3CompatibleStorage();
	assert.equal(credential.name, STORAGE_CREDENTIAL_TYPE);
	assert.equal(credential.displayName, 'S3-Compatible Storage');
	assert.deepEqual(credential.test.request, { method: 'HEAD', url: '/' });
	const signed = await credential.authenticate({ ...data, keyPrefix: 'threads-media/', urlLifetime: 3600 }, { method: 'HEAD', url: '/', qs: {}, headers: {} });
	assert.equal(signed.url, 'http://127.0.0.1:7480/media/');
	assert.match(String((signed.headers as Record<string, string>).authorization), /Credential=AKIDLOCAL\//);
	const lifetime = credential.properties.find((property) => property.name === 'urlLifetime');
	assert.deepEqual([lifetime?.default, lifetime?.typeOptions?.maxValue], [3600, 604800]);
	await assert.rejects(credential.authenticate({ ...data, bucket: '' }, { url: '/' }), /Bucket must be a bucket name/);
});

async function* chunks(sizes: number[]): AsyncGenerator<Uint8Array> {
	let value = 0;
	for (const size of sizes) {
		const chunk = new Uint8Array(size);
		for (let i = 0; i < size; i++) chunk[i] = value++ % 251;
		yield chunk;
	}
}

test('parts are exactly partSize bytes but the last, in stream order, whatever the chunk sizes', async () => {
	const reader = new PartReader(chunks([3, 10, 1, 0, 7, 4]), 8);
	const parts: Buffer[] = [];
	for (let part = await reader.next(); part; part = await reader.next()) parts.push(part);
	assert.deepEqual(parts.map((part) => part.length), [8, 8, 8, 1]);
	const all = Buffer.concat(parts);
	assert.ok(all.every((byte, index) => byte === index % 251));
	assert.equal(reader.bytesRead, 25);
	assert.equal(await reader.next(), undefined);
});

test('a released part buffer holds a later part (no new allocation); a short last part is never reused', async () => {
	const reader = new PartReader(chunks([8, 8, 8, 3]), 8);
	const first = await reader.next();
	assert.ok(first);
	reader.release(first, 2);
	const second = await reader.next();
	assert.equal(second, first, 'the same memory');
	assert.ok(second?.every((byte, index) => byte === (8 + index) % 251));
	const third = await reader.next();
	const last = await reader.next();
	assert.equal(last?.length, 3);
	reader.release(last as Buffer, 2);
	assert.notEqual(third, first);
	assert.equal(await reader.next(), undefined);
});

test('closing a reader stops the stream it reads', async () => {
	let finished = false;
	const source = (async function* () {
		try {
			for (;;) yield new Uint8Array(4);
		} finally {
			finished = true;
		}
	})();
	const reader = new PartReader(source, 10);
	assert.equal((await reader.next())?.length, 10);
	await reader.close();
	assert.equal(finished, true);
});

test('part size: 8 MiB, never under 5 MiB, larger when 10,000 parts would not hold the file', () => {
	const mib = 1024 * 1024;
	assert.equal(partSizeFor(20 * mib), 8 * mib);
	assert.equal(partSizeFor(20 * mib, 1), MIN_PART_SIZE);
	assert.equal(partSizeFor(200 * 1024 * mib), 21 * mib);
});

test('S3 errors in plain words: the code named, the body (signed string, access key) never repeated', () => {
	const failure = describeS3Failure(
		403,
		'<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><AWSAccessKeyId>AKIDLOCAL</AWSAccessKeyId><StringToSign>AWS4-HMAC-SHA256 secretish</StringToSign></Error>',
		{ action: 'upload "k"', settings },
	);
	assert.match(failure.message, /SignatureDoesNotMatch/);
	assert.match(failure.description, /Secret Access Key/);
	assert.ok(!`${failure.message} ${failure.description}`.includes('AKIDLOCAL'));
	assert.ok(!`${failure.message} ${failure.description}`.includes('secretish'));
	assert.equal(failure.transient, false);
	assert.match(describeS3Failure(404, '<Error><Code>NoSuchBucket</Code></Error>', { action: 'x', settings }).message, /no bucket "media" at 127\.0\.0\.1:7480 \(NoSuchBucket\)/);
	assert.match(describeS3Failure(403, '', { action: 'x', settings }).message, /HTTP 403/);
	const region = describeS3Failure(400, '<Error><Code>AuthorizationHeaderMalformed</Code><Region>eu-west-1</Region></Error>', { action: 'x', settings });
	assert.match(region.description, /"eu-west-1"/);
	assert.equal(describeS3Failure(503, '<Error><Code>SlowDown</Code></Error>', { action: 'x', settings }).transient, true);
});
