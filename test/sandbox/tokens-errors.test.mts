// How tokens are found on a request and the errors for bad, expired, missing tokens and missing scopes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { DAY, request, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
after(() => sb.close());

test('the token is read from the query, a form body or Authorization: Bearer', async () => {
	const token = sb.issueToken();
	for (const mode of ['query', 'bearer'] as const) {
		const res = await request(sb, 'GET', '/v1.0/me', { fields: 'id' }, token, mode);
		assert.equal(res.body.id, sb.user.id, mode);
	}
	const form = await request(sb, 'POST', '/v1.0/me/threads', { media_type: 'TEXT', text: 'form' }, token, 'form');
	assert.equal(form.status, 200);
});

test('an expired token answers 401, code 190, subcode 463 with the expiry in the message', async () => {
	const token = sb.issueToken({ issuedAt: sb.clock.now() - 61 * DAY });
	const res = await request(sb, 'GET', '/v1.0/me/threads', {}, token);
	assert.equal(res.status, 401);
	assert.equal(res.body.error.type, 'OAuthException');
	assert.equal(res.body.error.code, 190);
	assert.equal(res.body.error.error_subcode, 463);
	assert.match(res.body.error.message, /^Error validating access token: Session has expired on /);
	assert.equal(res.body.error.is_transient, false);
	assert.ok(res.body.error.fbtrace_id);
});

test('a garbage token answers 401, code 190, cannot parse', async () => {
	const res = await request(sb, 'GET', '/v1.0/me', {}, 'garbage');
	assert.equal(res.status, 401);
	assert.equal(res.body.error.code, 190);
	assert.equal(res.body.error.message, 'Invalid OAuth access token - Cannot parse access token');
});

test('a missing token answers 401, code 190 with a clear message', async () => {
	const res = await request(sb, 'GET', '/v1.0/me', {}, null);
	assert.equal(res.status, 401);
	assert.equal(res.body.error.code, 190);
	assert.match(res.body.error.message, /access token must be used/);
});

test('a missing scope answers 403, code 10, never transient', async () => {
	const token = sb.issueToken({ scopes: ['threads_basic'] });
	const res = await request(sb, 'POST', '/v1.0/me/threads', { media_type: 'TEXT', text: 'hi' }, token);
	assert.equal(res.status, 403);
	assert.equal(res.body.error.code, 10);
	assert.equal(res.body.error.message, '(#10) Application does not have permission for this action');
	assert.equal(res.body.error.is_transient, false);
});
