// Webhook subscriptions: Meta's GET handshake decides whether a subscription is stored.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { startManual } from './helpers.mts';
import { APP_SECRET, VERIFY_TOKEN, control, startReceiver, subscribe } from './webhook-helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
afterEach(() => sb.webhooks.clear());
after(() => sb.close());

test('a callback that echoes the challenge is subscribed with every field by default', async () => {
	const receiver = await startReceiver();
	try {
		const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: `${receiver.url}?hook=threads`, verifyToken: VERIFY_TOKEN });
		assert.equal(res.status, 200);
		assert.match(res.body.id, /^\d+$/);
		assert.deepEqual(res.body.fields, ['replies', 'mentions', 'publish', 'delete']);
		const [get] = receiver.received;
		assert.equal(get.method, 'GET');
		assert.equal(get.url.pathname, '/webhook');
		assert.equal(get.url.searchParams.get('hook'), 'threads', "the callback's own query is kept");
		assert.equal(get.url.searchParams.get('hub.mode'), 'subscribe');
		assert.equal(get.url.searchParams.get('hub.verify_token'), VERIFY_TOKEN);
		assert.match(get.url.searchParams.get('hub.challenge') ?? '', /^\d+$/);
		const listed = await control(sb, 'GET', '/webhooks');
		assert.deepEqual(listed.body, {
			subscriptions: [{ id: res.body.id, callbackUrl: `${receiver.url}?hook=threads`, fields: ['replies', 'mentions', 'publish', 'delete'], retryDelaysMs: [200, 1000, 3000] }],
			deliveries: [],
		});
	} finally {
		await receiver.close();
	}
});

test('the list never shows the verify token or the app secret', async () => {
	const receiver = await startReceiver();
	try {
		await subscribe(sb, receiver, { appSecret: 'my-own-secret', fields: ['mentions'] });
		const text = JSON.stringify((await control(sb, 'GET', '/webhooks')).body);
		assert.ok(!text.includes(VERIFY_TOKEN));
		assert.ok(!text.includes('my-own-secret'));
		assert.ok(!text.includes(APP_SECRET));
	} finally {
		await receiver.close();
	}
});

test('a wrong verify token (the callback answers 403) stores nothing', async () => {
	const receiver = await startReceiver();
	try {
		const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: receiver.url, verifyToken: 'not-the-token' });
		assert.equal(res.status, 400);
		assert.match(res.body.error, /handshake failed.*HTTP 403/);
		assert.deepEqual((await control(sb, 'GET', '/webhooks')).body.subscriptions, []);
	} finally {
		await receiver.close();
	}
});

test('a 200 that does not echo the challenge is a body mismatch', async () => {
	for (const body of ['ok', 'challenge accepted', '']) {
		const receiver = await startReceiver(() => ({ status: 200, body }));
		try {
			const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: receiver.url, verifyToken: VERIFY_TOKEN });
			assert.equal(res.status, 400);
			assert.match(res.body.error, /body mismatch/);
		} finally {
			await receiver.close();
		}
	}
	assert.deepEqual(sb.webhooks.list().subscriptions, []);
});

test('the challenge may come back with surrounding whitespace', async () => {
	const receiver = await startReceiver((r) => ({ status: 200, body: `\n ${r.url.searchParams.get('hub.challenge')} \n` }));
	try {
		assert.equal((await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: receiver.url, verifyToken: 'x' })).status, 200);
	} finally {
		await receiver.close();
	}
});

test('a 500, or no server at all, fails the handshake', async () => {
	const failing = await startReceiver(() => ({ status: 500, body: 'boom' }));
	const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: failing.url, verifyToken: VERIFY_TOKEN });
	assert.equal(res.status, 400);
	assert.match(res.body.error, /HTTP 500/);
	await failing.close();
	const gone = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: failing.url, verifyToken: VERIFY_TOKEN });
	assert.equal(gone.status, 400);
	assert.match(gone.body.error, /no answer \(ECONNREFUSED\)/);
	assert.deepEqual(sb.webhooks.list().subscriptions, []);
});

test('bad options are refused before any handshake', async () => {
	const receiver = await startReceiver();
	try {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[{ fields: ['replies', 'comments'] }, /unknown webhook field comments/],
			[{ fields: [] }, /non-empty/],
			[{ verifyToken: '' }, /verifyToken/],
			[{ callbackUrl: 'ftp://example.com/x' }, /callbackUrl/],
			[{ retryDelaysMs: [10, -1] }, /retryDelaysMs/],
			[{ appSecret: '' }, /appSecret/],
		];
		for (const [extra, error] of cases) {
			const res = await control(sb, 'POST', '/webhooks/subscribe', { callbackUrl: receiver.url, verifyToken: VERIFY_TOKEN, ...extra });
			assert.equal(res.status, 400, JSON.stringify(extra));
			assert.match(res.body.error, error);
		}
		assert.equal(receiver.received.length, 0);
	} finally {
		await receiver.close();
	}
});

test('several subscriptions; DELETE removes them and the delivery log', async () => {
	const one = await startReceiver();
	const two = await startReceiver();
	try {
		const a = await subscribe(sb, one, { fields: ['replies', 'delete'] });
		const b = await subscribe(sb, two, { fields: ['publish'], retryDelaysMs: [] });
		assert.notEqual(a, b);
		const listed = (await control(sb, 'GET', '/webhooks')).body.subscriptions;
		assert.deepEqual(listed.map((s: { id: string; fields: string[] }) => [s.id, s.fields]), [[a, ['replies', 'delete']], [b, ['publish']]]);
		await control(sb, 'POST', '/posts', {});
		assert.equal((await control(sb, 'POST', '/webhooks/flush')).body.deliveries.length, 1);
		assert.deepEqual((await control(sb, 'DELETE', '/webhooks')).body, { subscriptions: [], deliveries: [] });
		assert.deepEqual((await control(sb, 'GET', '/webhooks')).body, { subscriptions: [], deliveries: [] });
	} finally {
		await one.close();
		await two.close();
	}
});

test('reset() keeps subscriptions (app settings) and drops the delivery log', async () => {
	const receiver = await startReceiver();
	try {
		const id = await subscribe(sb, receiver, { fields: ['publish'] });
		sb.inject.posts();
		assert.equal((await sb.webhooks.flush()).deliveries.length, 1);
		sb.reset();
		assert.deepEqual(sb.webhooks.list(), { subscriptions: [{ id, callbackUrl: receiver.url, fields: ['publish'], retryDelaysMs: [200, 1000, 3000] }], deliveries: [] });
	} finally {
		await receiver.close();
	}
});
