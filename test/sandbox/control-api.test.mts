// The /__sandbox control API used by tests that drive the sandbox from another process.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { DAY, START, jsonOf, request, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
after(() => sb.close());

async function control(method: string, path: string, body?: unknown) {
	const res = await fetch(`${sb.url}/__sandbox${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: await jsonOf(res) };
}

test('health answers ok', async () => {
	const res = await control('GET', '/health');
	assert.equal(res.status, 200);
	assert.equal(res.body.ok, true);
});

test('clock: read, advance and set', async () => {
	assert.deepEqual((await control('GET', '/clock')).body, { now: START });
	assert.deepEqual((await control('POST', '/clock', { advanceMs: 1000 })).body, { now: START + 1000 });
	assert.deepEqual((await control('POST', '/clock', { set: START })).body, { now: START });
});

test('tokens and codes are issued for other processes', async () => {
	const token = (await control('POST', '/tokens', { kind: 'short', scopes: ['threads_basic'] })).body;
	assert.equal(token.expires_at, START + 60 * 60 * 1000);
	assert.equal(token.expires_in, 3600);
	assert.equal(token.user_id, sb.user.id);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, token.access_token)).status, 200);
	const { code } = (await control('POST', '/codes', { redirectUri: 'https://x.example/cb' })).body;
	const exchanged = await request(sb, 'POST', '/oauth/access_token', {
		client_id: sb.app.clientId,
		client_secret: sb.app.clientSecret,
		grant_type: 'authorization_code',
		redirect_uri: 'https://x.example/cb',
		code,
	}, null, 'form');
	assert.equal(exchanged.status, 200);
});

test('faults: inject (times "Infinity" over JSON), list and clear', async () => {
	const { id } = (await control('POST', '/faults', { kind: 'throttle', operation: 'getMe', times: 'Infinity' })).body;
	assert.ok(id);
	const token = sb.issueToken();
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, token)).status, 400);
	assert.equal((await control('GET', '/faults')).body.length, 1);
	await control('DELETE', '/faults');
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, token)).status, 200);
	assert.equal((await control('POST', '/faults', { kind: 'nope' })).status, 400);
});

test('log, published, containers, config and reset', async () => {
	await control('DELETE', '/log');
	const token = sb.issueToken();
	const created = await request(sb, 'POST', '/v1.0/me/threads', { media_type: 'TEXT', text: 'ctl' }, token);
	await request(sb, 'POST', '/v1.0/me/threads_publish', { creation_id: created.body.id }, token);
	const log = (await control('GET', '/log')).body;
	assert.deepEqual(log.map((e: { operation: string }) => e.operation), ['createContainer', 'publish']);
	assert.equal((await control('GET', '/log?operation=publish')).body.length, 1);
	const published = (await control('GET', '/published')).body;
	assert.equal(published[0].containerId, created.body.id);
	assert.equal((await control('GET', '/containers')).body[0].status, 'PUBLISHED');
	const config = (await control('POST', '/config', { processingMs: { IMAGE: 42 }, latencyMs: 0 })).body;
	assert.equal(config.processingMs.IMAGE, 42);
	assert.equal(config.processingMs.VIDEO, 1000);
	await control('POST', '/clock', { advanceMs: DAY });
	assert.deepEqual((await control('POST', '/reset')).body, { ok: true });
	assert.equal((await control('GET', '/published')).body.length, 0);
	assert.equal((await control('GET', '/config')).body.processingMs.IMAGE, 300);
	assert.equal((await request(sb, 'GET', '/v1.0/me', {}, token)).status, 401, 'tokens are dropped by reset');
});

test('replies can be simulated from another account', async () => {
	const token = sb.issueToken();
	const post = await request(sb, 'POST', '/v1.0/me/threads', { media_type: 'TEXT', text: 'ask me', auto_publish_text: true }, token);
	const { id } = (await control('POST', '/replies', { to: post.body.id, text: 'hello' })).body;
	const replies = await request(sb, 'GET', `/v1.0/${post.body.id}/replies`, { fields: 'id,text,username' }, token);
	assert.deepEqual(replies.body.data, [{ id, text: 'hello', username: 'public_creator' }]);
});
