// Long-lived refresh (GET /refresh_access_token, th_refresh_token).
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { DAY, request, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
beforeEach(() => sb.reset());
after(() => sb.close());

const refresh = (token: string) => request(sb, 'GET', '/refresh_access_token', { grant_type: 'th_refresh_token' }, token);

test('refresh is refused while the token is younger than 24 hours', async () => {
	const token = sb.issueToken();
	sb.clock.advance(DAY - 1000);
	const res = await refresh(token);
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 100);
	assert.match(res.body.error.message, /24 hours/);
});

test('after 24 hours refresh returns a new 60-day token and the old one stops working', async () => {
	const token = sb.issueToken();
	sb.clock.advance(DAY);
	const res = await refresh(token);
	assert.equal(res.status, 200);
	assert.equal(res.body.token_type, 'bearer');
	assert.equal(res.body.expires_in, 5184000);
	assert.notEqual(res.body.access_token, token);
	const old = await request(sb, 'GET', '/v1.0/me', {}, token);
	assert.equal(old.status, 401);
	assert.equal(old.body.error.code, 190);
	// the new token lives 60 days from the refresh
	sb.clock.advance(60 * DAY - 1000);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, res.body.access_token)).status, 200);
});

test('with refreshInvalidatesOld=false the same token is returned with a new lifetime', async () => {
	sb.configure({ refreshInvalidatesOld: false });
	const token = sb.issueToken();
	sb.clock.advance(59 * DAY);
	const res = await refresh(token);
	assert.equal(res.body.access_token, token);
	sb.clock.advance(30 * DAY);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, token)).status, 200);
});

test('an expired long-lived token cannot be refreshed (190)', async () => {
	const token = sb.issueToken({ issuedAt: sb.clock.now() - 61 * DAY });
	const res = await refresh(token);
	assert.equal(res.status, 401);
	assert.equal(res.body.error.code, 190);
	assert.equal(res.body.error.error_subcode, 463);
});

test('short-lived tokens cannot be refreshed', async () => {
	const res = await refresh(sb.issueToken({ kind: 'short' }));
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 100);
});
