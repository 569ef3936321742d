// Authorization window and code -> short-lived token (POST /oauth/access_token).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { HOUR, request, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
after(() => sb.close());

const REDIRECT = 'https://app.example.com/callback';

async function authorize(params: Record<string, string>) {
	return request(sb, 'GET', '/oauth/authorize', { response_type: 'code', redirect_uri: REDIRECT, scope: 'threads_basic,threads_content_publish', ...params });
}

function exchange(code: string, overrides: Record<string, string> = {}) {
	return request(sb, 'POST', '/oauth/access_token', {
		client_id: sb.app.clientId,
		client_secret: sb.app.clientSecret,
		code,
		grant_type: 'authorization_code',
		redirect_uri: REDIRECT,
		...overrides,
	}, null, 'form');
}

test('authorize auto-approves and redirects with code, state and #_', async () => {
	const res = await authorize({ client_id: sb.app.clientId, state: 'xyz' });
	assert.equal(res.status, 302);
	const location = res.headers.get('location')!;
	assert.ok(location.startsWith(`${REDIRECT}?`));
	assert.ok(location.endsWith('#_'));
	const url = new URL(location);
	assert.equal(url.searchParams.get('state'), 'xyz');
	assert.match(url.searchParams.get('code')!, /^\S+$/);
});

test('authorize refuses an unknown client id with a 400 error page', async () => {
	const res = await authorize({ client_id: '111' });
	assert.equal(res.status, 400);
	assert.equal(res.body.error_code, 1349026);
});

test("authorize refuses Meta's main app id with 4476002", async () => {
	const res = await authorize({ client_id: sb.app.metaAppId });
	assert.equal(res.status, 400);
	assert.equal(res.body.error_code, 4476002);
});

test('a code from the window exchanges once for a short-lived token of the granted scopes', async () => {
	const res = await authorize({ client_id: sb.app.clientId });
	const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
	const first = await exchange(code);
	assert.equal(first.status, 200);
	assert.equal(first.body.user_id, sb.user.id);
	assert.ok(first.body.access_token);
	const me = await request(sb, 'GET', '/v1.0/me', { fields: 'id' }, first.body.access_token);
	assert.equal(me.body.id, sb.user.id);
	// granted scopes only: publishing_limit works, keyword search does not
	const search = await request(sb, 'GET', '/v1.0/keyword_search', { q: 'x' }, first.body.access_token);
	assert.equal(search.status, 403);

	const again = await exchange(code);
	assert.equal(again.status, 400);
	assert.deepEqual(Object.keys(again.body).sort(), ['code', 'error_message', 'error_type']);
	assert.match(again.body.error_message, /used/);
});

test('the short-lived token lives 1 hour', async () => {
	const code = sb.createAuthorizationCode({ redirectUri: REDIRECT });
	const { body } = await exchange(code);
	sb.clock.advance(HOUR - 1000);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, body.access_token)).status, 200);
	sb.clock.advance(1000);
	const expired = await request(sb, 'GET', '/v1.0/me', {}, body.access_token);
	assert.equal(expired.status, 401);
	assert.equal(expired.body.error.code, 190);
});

test('codes expire after 1 hour', async () => {
	const code = sb.createAuthorizationCode({ redirectUri: REDIRECT });
	sb.clock.advance(HOUR);
	const res = await exchange(code);
	assert.equal(res.status, 400);
	assert.match(res.body.error_message, /expired/);
});

test('redirect_uri must match the one used at authorize', async () => {
	const code = sb.createAuthorizationCode({ redirectUri: REDIRECT });
	const res = await exchange(code, { redirect_uri: 'https://other.example.com/cb' });
	assert.equal(res.status, 400);
	assert.match(res.body.error_message, /redirect_uri/);
});

test('a bad secret, a wrong app id and the Meta app id are refused', async () => {
	const secret = await exchange(sb.createAuthorizationCode(), { client_secret: 'nope' });
	assert.equal(secret.status, 400);
	assert.match(secret.body.error_message, /client secret/);
	const app = await exchange(sb.createAuthorizationCode(), { client_id: '42' });
	assert.equal(app.status, 400);
	const meta = await exchange(sb.createAuthorizationCode(), { client_id: sb.app.metaAppId });
	assert.equal(meta.body.code, 4476002);
});

test('cancel in the window redirects with error=access_denied', async () => {
	const res = await authorize({ client_id: sb.app.clientId, sandbox_action: 'deny', state: 's' });
	const url = new URL(res.headers.get('location')!);
	assert.equal(url.searchParams.get('error'), 'access_denied');
	assert.equal(url.searchParams.get('code'), null);
});
