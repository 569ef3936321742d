// What happens in the sandbox reaches subscribed callbacks once, signed, in Threads' payload shape.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, START, client, heldSleeps, publishPost, startManual } from './helpers.mts';
import { APP_SECRET, type Receiver, control, payloadOf, sign, startReceiver, subscribe } from './webhook-helpers.mts';

const sleeps = heldSleeps();
let sb: Sandbox;
let c: Client;
let receiver: Receiver;
let subscriptionId: string;
/** Deliveries and POSTs already looked at by delivered(). */
let seen = 0;
before(async () => {
	sb = await startManual({ sleep: sleeps.sleep });
	c = client(sb);
	receiver = await startReceiver();
});
beforeEach(async () => {
	receiver.received.length = 0;
	seen = 0;
	subscriptionId = await subscribe(sb, receiver, { retryDelaysMs: [] });
});
afterEach(() => sb.webhooks.clear());
after(async () => {
	await sb.close();
	await receiver.close();
});

const TIME = Math.floor(START / 1000);

/** Flushes, checks each new POST is signed with the app secret, and returns the new payloads in the order of the log. */
async function delivered(): Promise<any[]> {
	const deliveries = (await control(sb, 'POST', '/webhooks/flush')).body.deliveries.slice(seen);
	assert.ok(deliveries.every((d: { delivered: boolean; attempts: number }) => d.delivered && d.attempts === 1));
	const posts = receiver.posts().slice(seen);
	seen += posts.length;
	for (const post of posts) {
		assert.equal(post.headers['content-type'], 'application/json');
		assert.equal(post.headers['x-hub-signature-256'], sign('sha256', post.body, APP_SECRET));
	}
	// Concurrent deliveries arrive in any order: match them to the log by their bytes.
	const bodies = deliveries.map((d: { body: string }) => d.body);
	assert.deepEqual(posts.map((p) => p.body.toString('utf8')).sort(), [...bodies].sort());
	return bodies.map((body: string) => JSON.parse(body));
}

const envelope = (topic: string, field: string, value: unknown, time = Math.floor(sb.clock.now() / 1000)) => ({
	app_id: sb.app.clientId,
	topic,
	target_id: sb.user.id,
	time,
	subscription_id: subscriptionId,
	has_uid_field: false,
	values: { value, field },
});

test('publishing through the API sends publish (Meta sample: id, media_type, permalink, timestamp, username)', async () => {
	const id = await publishPost(sb, c, { media_type: 'TEXT', text: 'hello webhooks' });
	const [payload] = await delivered();
	const { body } = await c.get(`/${id}`, { fields: 'permalink,timestamp' });
	assert.deepEqual(payload, envelope('interaction', 'publish', {
		id,
		media_type: 'TEXT_POST',
		permalink: body.permalink,
		timestamp: body.timestamp,
		username: 'sandbox_user',
	}));
	assert.equal(payload.time, TIME + 2, 'time: when it happened, on the sandbox clock');
});

test('auto_publish_text, a reply of the user and /__sandbox/posts send publish too; one per post', async () => {
	const auto = (await c.post('/me/threads', { media_type: 'TEXT', text: 'auto', auto_publish_text: true })).body.id;
	const reply = (await c.post('/me/threads', { media_type: 'TEXT', text: 'my reply', reply_to_id: auto, auto_publish_text: true })).body.id;
	const { ids } = (await control(sb, 'POST', '/posts', { count: 2 })).body;
	const payloads = await delivered();
	const publishes = payloads.filter((p) => p.values.field === 'publish').map((p) => p.values.value.id);
	assert.deepEqual(publishes, [auto, reply, ...ids]);
	// The user's own reply on their own post is also a reply on their media.
	assert.deepEqual(payloads.filter((p) => p.values.field === 'replies').map((p) => p.values.value.id), [reply]);
});

test('deleting through the API sends delete (id, owner.owner_id, deleted_at, timestamp, username)', async () => {
	const id = await publishPost(sb, c, { media_type: 'TEXT', text: 'soon gone' });
	const published = sb.clock.now();
	await delivered();
	sb.clock.advance(60_000);
	assert.equal((await c.del(`/${id}`)).status, 200);
	const [payload] = await delivered();
	const meta = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
	assert.deepEqual(payload, envelope('moderate', 'delete', {
		id,
		owner: { owner_id: sb.user.id },
		deleted_at: meta(published + 60_000),
		timestamp: meta(published),
		username: 'sandbox_user',
	}));
});

test("another account's reply sends replies with replied_to and root_post", async () => {
	const post = (await control(sb, 'POST', '/posts', { text: 'ask me' })).body.ids[0];
	await delivered();
	const { id } = (await control(sb, 'POST', '/replies', { to: post, text: 'an answer' })).body;
	const nested = sb.simulateReply({ to: id, text: 'nested', username: 'small_account' });
	const payloads = await delivered();
	assert.equal(payloads.length, 2, 'public_creator and small_account have no token: no publish for them');
	const { body } = await c.get(`/${id}`, { fields: 'permalink,shortcode,timestamp' });
	assert.deepEqual(payloads[0], envelope('moderate', 'replies', {
		id,
		username: 'public_creator',
		text: 'an answer',
		media_type: 'TEXT_POST',
		permalink: body.permalink,
		replied_to: { id: post },
		root_post: { id: post, owner_id: sb.user.id, username: 'sandbox_user' },
		shortcode: body.shortcode,
		timestamp: body.timestamp,
	}));
	assert.deepEqual(payloads[1].values.value.replied_to, { id });
	assert.equal(payloads[1].values.value.id, nested);
	assert.deepEqual(payloads[1].values.value.root_post, { id: post, owner_id: sb.user.id, username: 'sandbox_user' });
});

test('a mention sends mentions (topic interaction, the media object as in the mentions sample)', async () => {
	const { ids } = (await control(sb, 'POST', '/mentions', { text: 'Thanks @sandbox_user!' })).body;
	const [payload] = await delivered();
	const { body } = await c.get(`/${ids[0]}`, { fields: 'permalink,shortcode,timestamp' });
	assert.deepEqual(payload, envelope('interaction', 'mentions', {
		id: ids[0],
		has_replies: false,
		is_quote_post: false,
		is_reply: false,
		media_product_type: 'THREADS',
		media_type: 'TEXT_POST',
		permalink: body.permalink,
		shortcode: body.shortcode,
		text: 'Thanks @sandbox_user!',
		timestamp: body.timestamp,
		username: 'public_creator',
	}));
});

test("a subscription gets only its fields; each subscription gets its own subscription_id", async () => {
	const other = await startReceiver();
	try {
		const mentionsOnly = await subscribe(sb, other, { fields: ['mentions'] });
		await control(sb, 'POST', '/posts', {});
		await control(sb, 'POST', '/mentions', {});
		const state = (await control(sb, 'POST', '/webhooks/flush')).body;
		assert.deepEqual(state.deliveries.map((d: { subscriptionId: string; field: string }) => [d.subscriptionId, d.field]), [
			[subscriptionId, 'publish'],
			[subscriptionId, 'mentions'],
			[mentionsOnly, 'mentions'],
		]);
		assert.equal(payloadOf(other.posts()[0]).subscription_id, mentionsOnly);
		assert.equal(state.deliveries[1].eventKey, state.deliveries[2].eventKey, 'one event, two deliveries');
	} finally {
		await other.close();
	}
});

test('the body is written as Meta writes it (\\/ and \\uXXXX): only the raw bytes verify', async () => {
	await control(sb, 'POST', '/mentions', { text: '@sandbox_user café ☕ https://example.com/a' });
	const [payload] = await delivered();
	const raw = receiver.posts()[0].body.toString('utf8');
	assert.ok(raw.includes('https:\\/\\/www.threads.net\\/@public_creator\\/post\\/'));
	assert.ok(raw.includes('caf\\u00e9 \\u2615'));
	assert.equal(payload.values.value.text, '@sandbox_user café ☕ https://example.com/a');
	assert.notEqual(sign('sha256', JSON.stringify(payload)), receiver.posts()[0].headers['x-hub-signature-256']);
});

test('appSecret signs instead of the app secret', async () => {
	sb.webhooks.clear();
	subscriptionId = await subscribe(sb, receiver, { appSecret: 'dashboard-secret', fields: ['publish'] });
	sb.inject.posts();
	await sb.webhooks.flush();
	const post = receiver.posts()[0];
	assert.equal(post.headers['x-hub-signature-256'], sign('sha256', post.body, 'dashboard-secret'));
});

test('events of seeded data, reposts and other users without a token are not sent', async () => {
	const seeded = (await c.get('/profile_posts', { username: 'public_creator' })).body.data[0].id;
	await c.post(`/${seeded}/repost`);
	await control(sb, 'POST', '/posts', { userId: '17841400000000002' });
	assert.deepEqual((await control(sb, 'POST', '/webhooks/flush')).body.deliveries, []);
});

test('the API call that causes a webhook answers before the webhook is sent', async () => {
	sb.setLatency(50);
	try {
		const call = c.post('/me/threads', { media_type: 'TEXT', text: 'race', auto_publish_text: true });
		const latency = await sleeps.next(); // the post exists, its answer waits
		await control(sb, 'GET', '/health');
		const waiting = sb.webhooks.list().deliveries;
		assert.deepEqual(waiting.map((d) => [d.field, d.attempts]), [['publish', 0]], 'logged, not sent');
		assert.equal(receiver.posts().length, 0);
		latency.release();
		assert.equal((await call).status, 200);
		assert.equal((await sb.webhooks.flush()).deliveries[0].delivered, true);
		assert.equal(receiver.posts().length, 1);
	} finally {
		sb.setLatency(0);
	}
});
