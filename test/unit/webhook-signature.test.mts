// X-Hub-Signature-256 over the exact bytes received: only sha256=<64 hex> of HMAC-SHA256(app secret, body) passes.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';

import { checkSignature } from '../../nodes/ThreadsTrigger/webhook/signature.ts';

const SECRET = 'threads-app-secret-for-tests';
const BODY = Buffer.from(
	'{"app_id":"1","topic":"moderate","values":{"field":"replies","value":{"id":"9"}}}',
);
const hex = (body: Buffer | string, secret = SECRET) =>
	createHmac('sha256', secret).update(body).digest('hex');

test('a signature made with the secret over the exact body is valid', () => {
	assert.deepEqual(checkSignature(BODY, `sha256=${hex(BODY)}`, SECRET), { valid: true });
});

test('upper-case hex digits are the same MAC and pass; the sha256= prefix must be as Meta sends it', () => {
	assert.deepEqual(checkSignature(BODY, `sha256=${hex(BODY).toUpperCase()}`, SECRET), {
		valid: true,
	});
	assert.deepEqual(checkSignature(BODY, `SHA256=${hex(BODY)}`, SECRET), {
		valid: false,
		reason: 'malformed',
	});
});

test('no header, or an empty one, is missing', () => {
	assert.deepEqual(checkSignature(BODY, undefined, SECRET), { valid: false, reason: 'missing' });
	assert.deepEqual(checkSignature(BODY, '', SECRET), { valid: false, reason: 'missing' });
});

test('anything but sha256= and 64 hex digits is malformed, and never compared', () => {
	const good = hex(BODY);
	for (const header of [
		'sha256=',
		good,
		`sha1=${createHmac('sha1', SECRET).update(BODY).digest('hex')}`,
		`sha256=${good.slice(0, 63)}`,
		`sha256=${good}0`,
		`sha256=${good}00`,
		`sha256=${good.slice(0, 62)}zz`,
		`sha256= ${good}`,
		`sha256=${good} `,
		`sha256=${good},sha256=${good}`,
		`sha256=${Buffer.from(good, 'hex').toString('base64')}`,
	]) {
		assert.deepEqual(
			checkSignature(BODY, header, SECRET),
			{ valid: false, reason: 'malformed' },
			header,
		);
	}
	assert.deepEqual(checkSignature(BODY, [`sha256=${good}`, `sha256=${good}`], SECRET), {
		valid: false,
		reason: 'malformed',
	});
});

test('a well-formed signature of anything else is a mismatch', () => {
	const changed = Buffer.from(BODY);
	changed[10] ^= 1;
	const cases: Array<[string, string]> = [
		['another secret', `sha256=${hex(BODY, 'another-app-secret')}`],
		['another body', `sha256=${hex('{"app_id":"1"}')}`],
		['one byte of the body changed', `sha256=${hex(changed)}`],
		['a truncated body', `sha256=${hex(BODY.subarray(0, BODY.length - 1))}`],
		['the empty body', `sha256=${hex('')}`],
		['a plain SHA-256 of the body', `sha256=${createHash('sha256').update(BODY).digest('hex')}`],
		['all zeros', `sha256=${'0'.repeat(64)}`],
	];
	for (const [what, header] of cases) {
		assert.deepEqual(
			checkSignature(BODY, header, SECRET),
			{ valid: false, reason: 'mismatch' },
			what,
		);
	}
});

test('the body is taken as bytes: the same JSON re-serialised is not the signed body', () => {
	const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 1));
	assert.deepEqual(checkSignature(reserialised, `sha256=${hex(BODY)}`, SECRET), {
		valid: false,
		reason: 'mismatch',
	});
	const unicode = Buffer.from('{"text":"caf\u00e9 \ud83e\uddf5"}');
	assert.deepEqual(checkSignature(unicode, `sha256=${hex(unicode)}`, SECRET), { valid: true });
});
