import assert from 'node:assert/strict';
import { test } from 'node:test';

import { extensionFor, newObjectKey, safeFileName } from '../../nodes/Threads/storage/objectKeys.ts';
import {
	StorageSettingsError,
	normalizeKeyPrefix,
	objectUrl,
	storageSettingsFrom,
} from '../../nodes/Threads/storage/storageSettings.ts';

const NOW = new Date('2026-03-09T23:59:59Z');

test('a key is prefix, UTC day, 16 random hex digits and the safe file name', () => {
	const key = newObjectKey('threads-media/', 'Holiday photo.JPG', 'image/jpeg', NOW);
	assert.match(key, /^threads-media\/2026-03-09\/[0-9a-f]{16}-Holiday-photo\.JPG$/);
	assert.equal(newObjectKey('', 'a.png', 'image/png', NOW, 'r'), '2026-03-09/r-a.png');
});

test('two uploads of the same file never share a key', () => {
	const keys = new Set(Array.from({ length: 1000 }, () => newObjectKey('p/', 'same.mp4', 'video/mp4', NOW)));
	assert.equal(keys.size, 1000);
});

test('file names keep ASCII letters, digits, dot, underscore and hyphen; accents are dropped, the rest is a hyphen', () => {
	const cases: Array<[string | undefined, string, string]> = [
		['Été à Paris (1).jpeg', 'image/jpeg', 'Ete-a-Paris-1.jpeg'],
		['../../etc/passwd', 'image/png', 'passwd.png'],
		['C:\\Users\\me\\clip.MOV', 'video/quicktime', 'clip.MOV'],
		['日本語.mp4', 'video/mp4', 'media.mp4'],
		['  spaces   and\ttabs .png', 'image/png', 'spaces-and-tabs.png'],
		['no-extension', 'video/mp4', 'no-extension.mp4'],
		[undefined, 'image/webp', 'media.webp'],
		['', 'application/octet-stream', 'media'],
		['.hidden', 'image/png', 'hidden.png'],
		['weird.name.with.dots.gif', 'image/gif', 'weird.name.with.dots.gif'],
		['a?b#c%d&e+f=g.jpg', 'image/jpeg', 'a-b-c-d-e-f-g.jpg'],
	];
	for (const [input, type, expected] of cases) assert.equal(safeFileName(input, type), expected, String(input));
});

test('long names are cut to 100 characters, extension kept', () => {
	const name = safeFileName(`${'x'.repeat(300)}.mp4`, 'video/mp4');
	assert.equal(name.length, 100);
	assert.ok(name.endsWith('.mp4'));
});

test('extensions for the media Threads takes', () => {
	assert.equal(extensionFor('image/jpeg'), '.jpg');
	assert.equal(extensionFor('IMAGE/PNG; charset=binary'), '.png');
	assert.equal(extensionFor('video/quicktime'), '.mov');
	assert.equal(extensionFor('text/plain'), '');
});

test('the key prefix is a folder: a slash is added, leading slashes dropped, dot folders refused', () => {
	assert.equal(normalizeKeyPrefix('threads-media'), 'threads-media/');
	assert.equal(normalizeKeyPrefix('/a//b/'), 'a/b/');
	assert.equal(normalizeKeyPrefix(''), '');
	assert.throws(() => normalizeKeyPrefix('a/../b'), StorageSettingsError);
	assert.throws(() => normalizeKeyPrefix('./x'), /must not contain/);
});

const base = {
	endpoint: 'https://s3.eu-west-3.amazonaws.com/',
	region: 'eu-west-3',
	bucket: 'my-media',
	accessKeyId: 'AKIAEXAMPLE',
	secretAccessKey: 'secret-value-1234',
};

test('settings: defaults, endpoint trimmed, virtual-host and path-style URLs', () => {
	const settings = storageSettingsFrom(base);
	assert.equal(settings.endpoint, 'https://s3.eu-west-3.amazonaws.com');
	assert.equal(settings.keyPrefix, 'threads-media/');
	assert.equal(settings.urlLifetimeSeconds, 3600);
	assert.equal(settings.keys.sessionToken, undefined);
	assert.equal(objectUrl(settings, 'threads-media/a b.jpg'), 'https://my-media.s3.eu-west-3.amazonaws.com/threads-media/a%20b.jpg');
	assert.equal(objectUrl(settings, ''), 'https://my-media.s3.eu-west-3.amazonaws.com/');
	const local = storageSettingsFrom({ ...base, endpoint: 'http://127.0.0.1:7480', forcePathStyle: true, region: '' });
	assert.equal(local.region, 'us-east-1');
	assert.equal(objectUrl(local, 'k/x.png'), 'http://127.0.0.1:7480/my-media/k/x.png');
	assert.equal(objectUrl(local, ''), 'http://127.0.0.1:7480/my-media');
	const gateway = storageSettingsFrom({ ...base, endpoint: 'https://gw.example.com/s3/', forcePathStyle: true });
	assert.equal(objectUrl(gateway, 'x'), 'https://gw.example.com/s3/my-media/x');
});

test('settings errors name the field and never a secret', () => {
	const bad: Array<[Record<string, unknown>, RegExp]> = [
		[{ ...base, endpoint: '' }, /Endpoint is required/],
		[{ ...base, endpoint: 's3.amazonaws.com' }, /Endpoint must be a URL/],
		[{ ...base, endpoint: 'ftp://x' }, /Endpoint must start with https/],
		[{ ...base, endpoint: 'https://user:pw@x' }, /must not hold a user name/],
		[{ ...base, bucket: 'My_Bucket' }, /Bucket must be a bucket name/],
		[{ ...base, secretAccessKey: '' }, /Secret Access Key are required/],
		[{ ...base, urlLifetime: 604801 }, /URL Lifetime must be .* 1 to 604800/],
		[{ ...base, urlLifetime: 0 }, /URL Lifetime/],
		[{ ...base, publicBaseUrl: 'cdn.example.com' }, /Public Base URL must be a URL/],
	];
	for (const [data, message] of bad) {
		assert.throws(
			() => storageSettingsFrom(data as never),
			(error: Error) => error instanceof StorageSettingsError && message.test(error.message) && !error.message.includes(base.secretAccessKey),
			message.source,
		);
	}
	assert.equal(storageSettingsFrom({ ...base, publicBaseUrl: 'https://cdn.example.com/media/' }).publicBaseUrl, 'https://cdn.example.com/media');
});
