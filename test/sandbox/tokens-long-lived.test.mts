// Short -> long-lived exchange (GET /access_token, th_exchange_token).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { DAY, HOUR, request, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
after(() => sb.close());

const exchange = (token: string, secret = sb.app.clientSecret) =>
	request(sb, 'GET', '/access_token', { grant_type: 'th_exchange_token', client_secret: secret }, token);

test('a short-lived token exchanges for a 60-day bearer token', async () => {
	const res = await exchange(sb.issueToken({ kind: 'short' }));
	assert.equal(res.status, 200);
	assert.equal(res.body.token_type, 'bearer');
	assert.equal(res.body.expires_in, 5184000);
	const long = res.body.access_token;
	sb.clock.advance(60 * DAY - 1000);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, long)).status, 200);
	sb.clock.advance(1000);
	const expired = await request(sb, 'GET', '/v1.0/me', {}, long);
	assert.equal(expired.status, 401);
	assert.equal(expired.body.error.code, 190);
});

test('a bad app secret is refused', async () => {
	const res = await exchange(sb.issueToken({ kind: 'short' }), 'wrong');
	assert.equal(res.status, 400);
	assert.match(res.body.error.message, /client secret/);
});

test('an expired short-lived token cannot be exchanged', async () => {
	const token = sb.issueToken({ kind: 'short' });
	sb.clock.advance(HOUR);
	const res = await exchange(token);
	assert.equal(res.status, 401);
	assert.equal(res.body.error.code, 190);
	assert.equal(res.body.error.error_subcode, 463);
});

test('a long-lived token given to th_exchange_token is refused', async () => {
	const res = await exchange(sb.issueToken({ kind: 'long' }));
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 100);
});
