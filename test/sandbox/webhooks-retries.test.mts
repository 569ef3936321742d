// Failed deliveries are retried after each of retryDelaysMs (real timers), with the same bytes, then given up.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { startManual } from './helpers.mts';
import { type Answer, type Received, VERIFY_TOKEN, control, startReceiver, subscribe, verifyingHandshake } from './webhook-helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
afterEach(() => sb.webhooks.clear());
after(() => sb.close());

/** Handshakes, then answers POSTs with the given statuses in turn (the last one repeats). */
function scripted(...statuses: number[]) {
	let n = 0;
	return (r: Received): Answer => (r.method === 'GET' ? verifyingHandshake(VERIFY_TOKEN, r) : { status: statuses[Math.min(n++, statuses.length - 1)] });
}

test('500, 502, then 200: three attempts with identical bytes and signature, delivered', async () => {
	const receiver = await startReceiver(scripted(500, 502, 200));
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [5, 5, 5] });
		const { ids } = (await control(sb, 'POST', '/mentions', {})).body;
		const { deliveries } = (await control(sb, 'POST', '/webhooks/flush')).body;
		assert.equal(deliveries.length, 1);
		assert.deepEqual(
			{ ...deliveries[0], body: undefined, id: undefined, subscriptionId: undefined },
			{ field: 'mentions', eventKey: `mentions:${sb.user.id}:${ids[0]}`, attempts: 3, statuses: [500, 502, 200], delivered: true, body: undefined, id: undefined, subscriptionId: undefined },
		);
		const posts = receiver.posts();
		assert.equal(posts.length, 3);
		for (const post of posts.slice(1)) {
			assert.deepEqual(post.body, posts[0].body);
			assert.equal(post.headers['x-hub-signature-256'], posts[0].headers['x-hub-signature-256']);
		}
	} finally {
		await receiver.close();
	}
});

test('a callback that keeps failing is given up after every retry', async () => {
	const receiver = await startReceiver(scripted(503));
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [1, 2, 3] });
		sb.inject.posts();
		const [delivery] = (await sb.webhooks.flush()).deliveries;
		assert.equal(delivery.attempts, 4);
		assert.deepEqual(delivery.statuses, [503, 503, 503, 503]);
		assert.equal(delivery.delivered, false);
		assert.equal(receiver.posts().length, 4);
	} finally {
		await receiver.close();
	}
});

test('an answer of 4xx is a failure too; retryDelaysMs [] means one attempt', async () => {
	const receiver = await startReceiver(scripted(401));
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [] });
		sb.inject.posts();
		const [delivery] = (await sb.webhooks.flush()).deliveries;
		assert.deepEqual([delivery.attempts, delivery.statuses, delivery.delivered], [1, [401], false]);
	} finally {
		await receiver.close();
	}
});

test('a connection error counts as status 0 and is retried', async () => {
	const receiver = await startReceiver();
	await subscribe(sb, receiver, { retryDelaysMs: [1, 1] });
	await receiver.close();
	sb.inject.posts();
	const [delivery] = (await sb.webhooks.flush()).deliveries;
	assert.deepEqual([delivery.attempts, delivery.statuses, delivery.delivered], [3, [0, 0, 0], false]);
	assert.equal(delivery.error, 'ECONNREFUSED');
});

test('a callback that does not answer within timeoutMs fails that attempt', async () => {
	let hang = true;
	const receiver = await startReceiver((r) =>
		r.method === 'GET' ? verifyingHandshake(VERIFY_TOKEN, r) : hang ? new Promise<Answer>(() => {}) : { status: 200 },
	);
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [1], timeoutMs: 50 });
		sb.inject.posts();
		await receiver.postCount(1);
		hang = false;
		const [delivery] = (await sb.webhooks.flush()).deliveries;
		assert.deepEqual([delivery.statuses, delivery.delivered], [[0, 200], true]);
		assert.match(delivery.error ?? '', /no answer within 50 ms/);
	} finally {
		await receiver.close();
	}
});

test('DELETE /__sandbox/webhooks cancels a retry that is waiting', async () => {
	const receiver = await startReceiver(scripted(500));
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [600_000] });
		sb.inject.posts();
		await receiver.postCount(1);
		await control(sb, 'DELETE', '/webhooks');
		assert.deepEqual((await control(sb, 'POST', '/webhooks/flush')).body, { subscriptions: [], deliveries: [] });
		assert.equal(receiver.posts().length, 1);
	} finally {
		await receiver.close();
	}
});

test('retries use real time: the sandbox clock does not move', async () => {
	const receiver = await startReceiver(scripted(500, 200));
	try {
		await subscribe(sb, receiver, { retryDelaysMs: [20] });
		const before = sb.clock.now();
		sb.inject.posts();
		const [delivery] = (await sb.webhooks.flush()).deliveries;
		assert.equal(delivery.delivered, true);
		assert.equal(sb.clock.now(), before);
	} finally {
		await receiver.close();
	}
});
