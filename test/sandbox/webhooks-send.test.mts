// POST /__sandbox/webhooks/send: events on demand, and every tamper kind as the receiver sees it.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { startManual } from './helpers.mts';
import {
	type Received,
	type Receiver,
	VERIFY_TOKEN,
	checkingPost,
	control,
	payloadOf,
	sign,
	startReceiver,
	subscribe,
	verifyingHandshake,
} from './webhook-helpers.mts';

let sb: Sandbox;
let receiver: Receiver;
let subscriptionId: string;
before(async () => {
	sb = await startManual();
	// Rejects what a careful trigger rejects: anything whose X-Hub-Signature-256 does not match the bytes.
	receiver = await startReceiver((r) => (r.method === 'GET' ? verifyingHandshake(VERIFY_TOKEN, r) : checkingPost(r)));
});
beforeEach(async () => {
	receiver.received.length = 0;
	subscriptionId = await subscribe(sb, receiver, { retryDelaysMs: [1, 1, 1] });
});
afterEach(() => sb.webhooks.clear());
after(async () => {
	await sb.close();
	await receiver.close();
});

const send = (body: Record<string, unknown>) => control(sb, 'POST', '/webhooks/send', body);
const signature = (r: Received) => r.headers['x-hub-signature-256'];

test('send without tampering: a realistic value for each field, signed, delivered', async () => {
	for (const field of ['replies', 'mentions', 'publish', 'delete']) {
		const res = await send({ field });
		assert.equal(res.status, 200);
		assert.equal(res.body.deliveries.length, 1);
		assert.equal(res.body.deliveries[0].delivered, true);
		assert.equal(res.body.deliveries[0].subscriptionId, subscriptionId);
	}
	const values = receiver.posts().map((p) => payloadOf(p).values.value);
	assert.deepEqual(values.map((v) => Object.keys(v)), [
		['id', 'username', 'text', 'media_type', 'permalink', 'replied_to', 'root_post', 'shortcode', 'timestamp'],
		['id', 'has_replies', 'is_quote_post', 'is_reply', 'media_product_type', 'media_type', 'permalink', 'shortcode', 'text', 'timestamp', 'username'],
		['id', 'media_type', 'permalink', 'timestamp', 'username'],
		['id', 'owner', 'deleted_at', 'timestamp', 'username'],
	]);
	assert.equal(values[0].root_post.owner_id, sb.user.id);
	assert.match(values[1].text, /@sandbox_user/);
	assert.deepEqual(values[3].owner, { owner_id: sb.user.id });
	assert.equal(new Set(values.map((v) => v.id)).size, 4);
});

test('send with a value carries it as values.value; count sends distinct events one after another', async () => {
	const value = { id: '42', text: 'custom' };
	const one = (await send({ field: 'publish', value })).body.deliveries;
	assert.deepEqual(payloadOf(receiver.posts()[0]).values, { value, field: 'publish' });
	assert.equal(one[0].eventKey, `publish:${sb.user.id}:42`);
	const three = (await send({ field: 'mentions', count: 3 })).body.deliveries;
	assert.equal(new Set(three.map((d: { eventKey: string }) => d.eventKey)).size, 3);
});

test('bad-signature: a sha256 header that is not the HMAC of the body with the app secret', async () => {
	const [delivery] = (await send({ field: 'replies', tamper: 'bad-signature' })).body.deliveries;
	const [post] = receiver.posts();
	assert.match(String(signature(post)), /^sha256=[0-9a-f]{64}$/);
	assert.notEqual(signature(post), sign('sha256', post.body));
	assert.doesNotThrow(() => payloadOf(post));
	assert.deepEqual([delivery.tamper, delivery.attempts, delivery.statuses, delivery.delivered], ['bad-signature', 1, [401], false], 'tampered sends are not retried');
});

test('no-signature: neither X-Hub-Signature-256 nor X-Hub-Signature', async () => {
	await send({ field: 'publish', tamper: 'no-signature' });
	const [post] = receiver.posts();
	assert.equal(post.headers['x-hub-signature-256'], undefined);
	assert.equal(post.headers['x-hub-signature'], undefined);
	assert.equal(post.headers['content-type'], 'application/json');
});

test('sha1-only: a valid X-Hub-Signature (sha1) and no sha256 header', async () => {
	const [delivery] = (await send({ field: 'publish', tamper: 'sha1-only' })).body.deliveries;
	const [post] = receiver.posts();
	assert.equal(post.headers['x-hub-signature'], sign('sha1', post.body));
	assert.equal(post.headers['x-hub-signature-256'], undefined);
	assert.equal(delivery.delivered, false);
});

test('malformed-body: invalid JSON with a valid signature', async () => {
	const [delivery] = (await send({ field: 'mentions', tamper: 'malformed-body' })).body.deliveries;
	const [post] = receiver.posts();
	assert.equal(signature(post), sign('sha256', post.body));
	assert.throws(() => payloadOf(post), SyntaxError);
	assert.equal(delivery.delivered, true, 'the signature alone lets it through: the parse error is for the receiver to handle');
});

test('replay: the same bytes and signature twice, one event key', async () => {
	const deliveries = (await send({ field: 'replies', tamper: 'replay' })).body.deliveries;
	const [first, second] = receiver.posts();
	assert.equal(receiver.posts().length, 2);
	assert.deepEqual(first.body, second.body);
	assert.equal(signature(first), signature(second));
	assert.equal(signature(first), sign('sha256', first.body));
	assert.deepEqual(deliveries.map((d: { tamper: string; eventKey: string }) => d.tamper), ['replay', 'replay']);
	assert.equal(deliveries[0].eventKey, deliveries[1].eventKey);
	assert.notEqual(deliveries[0].id, deliveries[1].id);
});

test('burst: count distinct, validly signed events, all in flight at once', async () => {
	const count = 6;
	let release!: () => void;
	const allIn = new Promise<void>((resolve) => (release = resolve));
	receiver.setResponder(async (r) => {
		if (receiver.posts().length === count) release();
		await allIn; // answers only once every POST has arrived: they must be concurrent
		return checkingPost(r);
	});
	try {
		const deliveries = (await send({ field: 'mentions', tamper: 'burst', count })).body.deliveries;
		assert.equal(deliveries.length, count);
		assert.ok(deliveries.every((d: { delivered: boolean; tamper: string }) => d.delivered && d.tamper === 'burst'));
		const ids = receiver.posts().map((p) => payloadOf(p).values.value.id);
		assert.equal(new Set(ids).size, count);
		assert.equal(new Set(deliveries.map((d: { eventKey: string }) => d.eventKey)).size, count);
	} finally {
		receiver.setResponder((r) => (r.method === 'GET' ? verifyingHandshake(VERIFY_TOKEN, r) : checkingPost(r)));
	}
});

test('body-changed: the signature of the original, one byte of the body changed, still valid JSON', async () => {
	await send({ field: 'publish', tamper: 'body-changed' });
	const [post] = receiver.posts();
	assert.notEqual(signature(post), sign('sha256', post.body));
	const payload = payloadOf(post);
	// Some single digit of "time" restores the signed original.
	const text = post.body.toString('utf8');
	const at = text.indexOf(`"time":${payload.time}`) + `"time":${payload.time}`.length - 1;
	const originals = '0123456789'.split('').map((digit) => Buffer.from(text.slice(0, at) + digit + text.slice(at + 1)));
	assert.equal(originals.filter((b) => sign('sha256', b) === signature(post)).length, 1);
});

test('several subscriptions all get a send; subscriptionId picks one', async () => {
	const other = await startReceiver();
	try {
		const second = await subscribe(sb, other, { fields: ['publish'] });
		assert.equal((await send({ field: 'publish' })).body.deliveries.length, 2);
		const picked = (await send({ field: 'publish', subscriptionId: second, tamper: 'no-signature' })).body.deliveries;
		assert.deepEqual(picked.map((d: { subscriptionId: string }) => d.subscriptionId), [second]);
		assert.equal(other.posts().length, 2);
	} finally {
		await other.close();
	}
});

test('an unknown tamper kind or field, a bad count, no matching subscription: 400', async () => {
	assert.match((await send({ field: 'publish', tamper: 'gzip-bomb' })).body.error, /unknown tamper kind gzip-bomb/);
	assert.equal((await send({ field: 'likes' })).status, 400);
	assert.equal((await send({ field: 'publish', count: 0 })).status, 400);
	assert.equal((await send({ field: 'publish', subscriptionId: '1' })).status, 400);
	sb.webhooks.clear();
	const none = await send({ field: 'publish' });
	assert.equal(none.status, 400);
	assert.match(none.body.error, /no subscription/);
	assert.equal(receiver.posts().length, 0);
});
