/**
 * The signer against AWS's published vectors: the aws-sig-v4-test-suite (credential AKIDEXAMPLE,
 * 2015-08-30T12:36:00Z, service "service"; expected Authorization headers as AWS ships them, the
 * same list AWS's own JavaScript SDK tests against) and the S3 examples of "Signature Calculations
 * for the Authorization Header" and "Authenticating Requests: Using Query Parameters"
 * (AKIAIOSFODNN7EXAMPLE, examplebucket, 2013-05-24).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	EMPTY_SHA256,
	canonicalQuery,
	encodeKeyPath,
	encodeRfc3986,
	presignUrl,
	queryEntries,
	sha256Hex,
	signRequest,
} from '../../nodes/Threads/storage/sigv4.ts';

const SUITE_KEYS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_SCOPE = { region: 'us-east-1', service: 'service' };
const SUITE_DATE = new Date('2015-08-30T12:36:00Z');
const SUITE_CREDENTIAL = 'Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

interface SuiteCase {
	name: string;
	method: string;
	path?: string;
	query?: Array<[string, string]>;
	headers?: Record<string, string>;
	body?: string;
	token?: string;
	signedHeaders: string;
	signature: string;
}

const suite: SuiteCase[] = [
	{ name: 'get-vanilla', method: 'GET', signedHeaders: 'host;x-amz-date', signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31' },
	{ name: 'post-vanilla', method: 'POST', signedHeaders: 'host;x-amz-date', signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b' },
	{ name: 'get-vanilla-query-order-key-case', method: 'GET', query: [['Param2', 'value2'], ['Param1', 'value1']], signedHeaders: 'host;x-amz-date', signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500' },
	{ name: 'get-vanilla-empty-query-key', method: 'GET', query: [['Param1', 'value1']], signedHeaders: 'host;x-amz-date', signature: 'a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb' },
	{
		name: 'get-vanilla-query-unreserved',
		method: 'GET',
		query: [['-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz']],
		signedHeaders: 'host;x-amz-date',
		signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
	},
	{ name: 'get-vanilla-utf8-query', method: 'GET', query: [['ሴ', 'bar']], signedHeaders: 'host;x-amz-date', signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04' },
	{ name: 'get-unreserved', method: 'GET', path: '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', signedHeaders: 'host;x-amz-date', signature: '07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f' },
	{ name: 'get-utf8', method: 'GET', path: '/ሴ', signedHeaders: 'host;x-amz-date', signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85' },
	{ name: 'get-header-value-trim', method: 'GET', headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' }, signedHeaders: 'host;my-header1;my-header2;x-amz-date', signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736' },
	{ name: 'post-header-key-sort', method: 'POST', headers: { 'My-Header1': 'value1' }, signedHeaders: 'host;my-header1;x-amz-date', signature: 'c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c' },
	{ name: 'post-header-value-case', method: 'POST', headers: { 'My-Header1': 'VALUE1' }, signedHeaders: 'host;my-header1;x-amz-date', signature: 'cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d' },
	{
		name: 'post-vanilla-query-nonunreserved',
		method: 'POST',
		query: [['@#$%^', ''], ['+', '/,?><`";:\\|][{}']],
		signedHeaders: 'host;x-amz-date',
		signature: '66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e',
	},
	{
		name: 'post-x-www-form-urlencoded',
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'Param1=value1',
		signedHeaders: 'content-type;host;x-amz-date',
		signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
	},
	{
		name: 'post-sts-header-before',
		method: 'POST',
		token: 'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==',
		signedHeaders: 'host;x-amz-date;x-amz-security-token',
		signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
	},
];

for (const vector of suite) {
	test(`aws-sig-v4-test-suite ${vector.name}`, () => {
		const path = vector.path ? encodeKeyPath(vector.path.slice(1)) : '';
		const search = vector.query ? `?${vector.query.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&')}` : '';
		const signed = signRequest(
			{
				method: vector.method,
				url: `https://example.amazonaws.com/${path}${search}`,
				headers: vector.headers,
				payloadHash: sha256Hex(vector.body ?? ''),
			},
			{ ...SUITE_KEYS, sessionToken: vector.token },
			SUITE_SCOPE,
			SUITE_DATE,
		);
		assert.equal(
			signed.headers.authorization,
			`AWS4-HMAC-SHA256 ${SUITE_CREDENTIAL}, SignedHeaders=${vector.signedHeaders}, Signature=${vector.signature}`,
		);
		assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
		assert.equal(signed.headers.host, undefined, 'Host is left to the HTTP client');
	});
}

const S3_KEYS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const S3_SCOPE = { region: 'us-east-1', service: 's3' };
const S3_DATE = new Date('2013-05-24T00:00:00Z');
const S3_HOST = 'https://examplebucket.s3.amazonaws.com';

test('S3 example GET Object (Range header, empty payload hash)', () => {
	const signed = signRequest(
		{ method: 'GET', url: `${S3_HOST}/test.txt`, headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 },
		S3_KEYS,
		S3_SCOPE,
		S3_DATE,
	);
	assert.equal(signed.signature, 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
	assert.match(signed.headers.authorization, /SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,/);
});

test('S3 example PUT Object: "test$file.text" is encoded once in the path, the body hash is signed', () => {
	const body = 'Welcome to Amazon S3.';
	const hash = sha256Hex(body);
	assert.equal(hash, '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
	const signed = signRequest(
		{
			method: 'PUT',
			url: `${S3_HOST}/${encodeKeyPath('test$file.text')}`,
			headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY', 'x-amz-content-sha256': hash },
			payloadHash: hash,
		},
		S3_KEYS,
		S3_SCOPE,
		S3_DATE,
	);
	assert.equal(signed.signature, '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
});

test('S3 examples GET Bucket Lifecycle (?lifecycle) and GET Bucket (?max-keys=2&prefix=J)', () => {
	const get = (query: string) =>
		signRequest({ method: 'GET', url: `${S3_HOST}/?${query}`, headers: { 'x-amz-content-sha256': EMPTY_SHA256 }, payloadHash: EMPTY_SHA256 }, S3_KEYS, S3_SCOPE, S3_DATE)
			.signature;
	assert.equal(get('lifecycle'), 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
	assert.equal(get('max-keys=2&prefix=J'), '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
});

test('S3 example presigned URL (Authenticating Requests: Using Query Parameters)', () => {
	const url = presignUrl(`${S3_HOST}/test.txt`, S3_KEYS, S3_SCOPE, S3_DATE, 86400);
	assert.equal(
		url,
		'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
			'&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
			'&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
			'&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
	);
});

test('a session token is part of the signed query of a presigned URL', () => {
	const url = new URL(presignUrl(`${S3_HOST}/a.jpg`, { ...S3_KEYS, sessionToken: 'tok/en+=' }, S3_SCOPE, S3_DATE, 60));
	assert.equal(url.searchParams.get('X-Amz-Security-Token'), 'tok/en+=');
	assert.match(url.search, /&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/);
	const without = new URL(presignUrl(`${S3_HOST}/a.jpg`, S3_KEYS, S3_SCOPE, S3_DATE, 60));
	assert.notEqual(url.searchParams.get('X-Amz-Signature'), without.searchParams.get('X-Amz-Signature'));
});

test('keys are encoded once per segment, slashes kept, every reserved byte as uppercase %XX', () => {
	assert.equal(encodeKeyPath("photos/été 2013/a+b (1)~x_y-z!*'.jpg"), 'photos/%C3%A9t%C3%A9%202013/a%2Bb%20%281%29~x_y-z%21%2A%27.jpg');
	assert.equal(encodeKeyPath('a%20b'), 'a%2520b', 'a literal percent is data, not an escape');
	assert.equal(encodeKeyPath('😀/x'), '%F0%9F%98%80/x');
	// What Node's URL parser leaves alone must be exactly what was signed.
	const key = encodeKeyPath("threads-media/2026-01-01/ab-été (1)!*'.jpg");
	assert.equal(new URL(`https://h.example/${key}`).pathname, `/${key}`);
});

test('query strings are canonical: encoded, then sorted; a bare name has an empty value; + is a plus', () => {
	assert.deepEqual(queryEntries('?uploads'), [['uploads', '']]);
	assert.deepEqual(queryEntries('a=1+2&b=%2B'), [['a', '1+2'], ['b', '+']]);
	assert.equal(canonicalQuery([['uploadId', '2~abc/d='], ['partNumber', '10']]), 'partNumber=10&uploadId=2~abc%2Fd%3D');
	assert.equal(canonicalQuery([['b', '2'], ['a', '2'], ['a', '1']]), 'a=1&a=2&b=2');
});
