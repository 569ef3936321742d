// The Threads Trigger through n8n-core's WebhookContext/HookContext: Meta's verification, signed deliveries
// (one flat item per event, then the rest of the workflow against the sandbox), repeats, forgeries, options.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import {
	THREADS_NODE_TYPE,
	THREADS_TRIGGER_NODE_TYPE,
	runWorkflow,
	type WorkflowJson,
} from '../helpers/n8n-engine.mts';
import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';
import { type Answer, TRIGGER_NAME, TriggerRig, sign } from '../helpers/webhook-engine.mts';

const VERIFY_TOKEN = 'verify-token-for-the-workflow-tests';
let rig: ReadingRig;
let secret: string;
let trigger: TriggerRig;
let triggers = 0;

function newTrigger(
	parameters: IDataObject = {},
	extra: Partial<ConstructorParameters<typeof TriggerRig>[0]> = {},
): TriggerRig {
	triggers++;
	return new TriggerRig({
		store: rig.store,
		credential: rig.ref,
		parameters: { verifyToken: VERIFY_TOKEN, ...parameters },
		workflowId: `workflow-${triggers}`,
		...extra,
	});
}

const notification = (field: string, value: IDataObject, topic = 'moderate') => ({
	app_id: rig.sandbox.app.clientId,
	topic,
	target_id: String(value.id ?? ''),
	time: 1723226877,
	subscription_id: '3333',
	has_uid_field: false,
	values: { value, field },
});

function assertNoRun(answer: Answer, status: number, what: string): void {
	assert.equal(answer.status, status, `${what}: status ${answer.status} ${answer.body}`);
	assert.equal(answer.result.workflowData, undefined, `${what}: the workflow would run`);
	assert.equal(answer.result.noWebhookResponse, true, `${what}: the node did not answer itself`);
}

before(async () => {
	rig = await startReadingRig();
	secret = rig.sandbox.app.clientSecret;
	trigger = newTrigger();
});
after(async () => await rig.close());

test("Meta's verification: the challenge for the node's verify token, 403 for anything else, never a run", async () => {
	const ok = await trigger.request('GET', {
		query: {
			'hub.mode': 'subscribe',
			'hub.verify_token': VERIFY_TOKEN,
			'hub.challenge': '1158201444',
		},
	});
	assert.equal(ok.status, 200);
	assert.equal(ok.body, '1158201444');
	assert.match(ok.headers['content-type'], /^text\/plain/);
	assert.equal(ok.result.workflowData, undefined);
	for (const query of [
		{ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' },
		{ 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1' },
		{ 'hub.mode': 'subscribe', 'hub.challenge': '1' },
		{},
	]) {
		const refused = await trigger.request('GET', { query });
		assertNoRun(refused, 403, JSON.stringify(query));
		assert.ok(!refused.logged.includes(VERIFY_TOKEN), 'the verify token was logged');
	}
});

test('a signed reply runs the workflow with one flat item, and the next node can answer it in Threads', async () => {
	const parent = await rig.post('What do you think?');
	const replyId = rig.sandbox.simulateReply({ to: parent.id, text: 'Can I ask a question?' });
	const value = {
		id: replyId,
		username: 'replier',
		text: 'Can I ask a question?',
		media_type: 'TEXT_POST',
		permalink: `https://www.threads.net/@replier/post/${replyId}`,
		replied_to: { id: parent.id },
		root_post: { id: parent.id, owner_id: rig.sandbox.user.id, username: 'sandbox_user' },
		shortcode: 'Pp',
		timestamp: '2024-08-07T10:33:16+0000',
	};
	const answer = await trigger.deliver(notification('replies', value), secret);
	assert.equal(answer.status, 200);
	assert.equal(answer.items.length, 1);
	const [item] = answer.items;
	assert.deepEqual(
		[
			item.event,
			item.postId,
			item.text,
			item.username,
			item.repliedToId,
			item.rootPostId,
			item.topic,
			item.appId,
			item.time,
		],
		[
			'replies',
			replyId,
			'Can I ask a question?',
			'replier',
			parent.id,
			parent.id,
			'moderate',
			rig.sandbox.app.clientId,
			1723226877,
		],
	);
	assert.deepEqual((item.raw as IDataObject).values, { value, field: 'replies' });
	assert.ok(!answer.logged.includes('Can I ask a question?'), 'the body was logged');

	// The rest of the workflow, started with that item as n8n starts it.
	const workflow: WorkflowJson = {
		nodes: [
			{
				id: 'tr',
				name: TRIGGER_NAME,
				type: THREADS_TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'w1',
				parameters: { verifyToken: VERIFY_TOKEN },
				credentials: { threadsOAuth2Api: rig.ref },
			},
			{
				id: 'th',
				name: 'Reply',
				type: THREADS_NODE_TYPE,
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					resource: 'reply',
					operation: 'create',
					replyToId: { __rl: true, mode: 'id', value: '={{ $json.postId }}' },
					text: '=Thanks, @{{ $json.username }}!',
				},
				credentials: { threadsOAuth2Api: rig.ref },
			},
		],
		connections: { [TRIGGER_NAME]: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
	};
	const result = await runWorkflow(workflow, {
		credentials: rig.store,
		pinData: { [TRIGGER_NAME]: answer.items },
		mode: 'webhook',
	});
	assert.equal(result.error, undefined, result.error?.message);
	const [published] = result.output('Reply');
	const post = rig.sandbox.published().find((p) => p.id === published.id);
	assert.equal(post?.replyToId, replyId);
	assert.equal(post?.text, 'Thanks, @replier!');
});

test('a repeated delivery of the same event answers 200 and runs nothing; the key is kept in static data', async () => {
	const body = notification('replies', { id: '5550001', text: 'once' });
	const first = await trigger.deliver(body, secret);
	assert.equal(first.items.length, 1);
	const deliveries = trigger.staticData().deliveries as IDataObject;
	assert.equal(typeof deliveries['replies:5550001'], 'number');
	for (let i = 0; i < 3; i++)
		assertNoRun(await trigger.deliver(body, secret), 200, `repeat ${i + 1}`);
	// the same event re-serialised (other bytes, same id) is still a repeat
	assertNoRun(
		await trigger.deliver(JSON.stringify(body, null, 2), secret),
		200,
		'repeat with other whitespace',
	);
	// a delivery holding the old event and a new one runs with the new one only
	const both = {
		...body,
		values: [body.values, { field: 'replies', value: { id: '5550002', text: 'new' } }],
	};
	assert.deepEqual(
		(await trigger.deliver(both, secret)).items.map((i) => i.postId),
		['5550002'],
	);
	// another trigger node (another workflow) sees the event for itself
	assert.equal((await newTrigger().deliver(body, secret)).items.length, 1);
});

test('forged or broken deliveries never run the workflow and log nothing of the body', async () => {
	const body = JSON.stringify(
		notification('replies', { id: '5550100', text: 'FORGED-TEXT-MARKER' }),
	);
	const good = sign(body, secret);
	const changed = body.replace('5550100', '5550101');
	const cases: Array<[string, { body?: string; headers: Record<string, string> }, number]> = [
		['no signature', { body, headers: {} }, 401],
		['SHA-1 only', { body, headers: { 'x-hub-signature': `sha1=${good.slice(7, 47)}` } }, 401],
		['empty signature', { body, headers: { 'x-hub-signature-256': '' } }, 401],
		[
			'upper-case prefix',
			{ body, headers: { 'x-hub-signature-256': good.replace('sha256=', 'SHA256=') } },
			401,
		],
		['not hex', { body, headers: { 'x-hub-signature-256': `sha256=${'g'.repeat(64)}` } }, 401],
		['short', { body, headers: { 'x-hub-signature-256': good.slice(0, -2) } }, 401],
		[
			'wrong secret',
			{ body, headers: { 'x-hub-signature-256': sign(body, 'not-the-app-secret') } },
			403,
		],
		['body changed', { body: changed, headers: { 'x-hub-signature-256': good } }, 403],
		['truncated body', { body: body.slice(0, -1), headers: { 'x-hub-signature-256': good } }, 403],
		['empty body', { body: '', headers: { 'x-hub-signature-256': good } }, 403],
		['no body read', { headers: { 'x-hub-signature-256': good } }, 400],
		[
			'signed, not JSON',
			{ body: '{"app_id":', headers: { 'x-hub-signature-256': sign('{"app_id":', secret) } },
			400,
		],
		['signed, empty', { body: '', headers: { 'x-hub-signature-256': sign('', secret) } }, 400],
	];
	for (const [what, request, status] of cases) {
		const answer = await trigger.request('POST', request);
		assertNoRun(answer, status, what);
		assert.ok(
			!answer.logged.includes('FORGED-TEXT-MARKER') && !answer.logged.includes(secret),
			`${what}: logged the body or the secret`,
		);
		assert.ok(
			!answer.body.includes(secret) && !answer.body.includes(good.slice(7)),
			`${what}: the answer gives a signature away`,
		);
	}
	// and the genuine delivery still runs afterwards
	assert.equal((await trigger.deliver(body, secret)).items.length, 1);
});

test('events the node does not listen to are acknowledged with 200 and run nothing', async () => {
	const mentionsOnly = newTrigger({ events: ['mentions'] });
	assertNoRun(
		await mentionsOnly.deliver(notification('replies', { id: '5550200' }), secret),
		200,
		'a reply',
	);
	assertNoRun(
		await mentionsOnly.deliver(notification('quotes', { id: '5550201' }), secret),
		200,
		'an unknown field',
	);
	assertNoRun(await mentionsOnly.deliver({ app_id: '1' }, secret), 200, 'no values');
	assert.equal(
		(await mentionsOnly.deliver(notification('mentions', { id: '5550202' }, 'interaction'), secret))
			.items.length,
		1,
	);
	// one event as a plain value (an expression, or the node creator's "On mentions" action)
	const single = newTrigger({ events: 'mentions' });
	assert.equal(await single.lifecycle('create'), true);
	assert.equal(
		(await single.deliver(notification('mentions', { id: '5550203' }, 'interaction'), secret)).items
			.length,
		1,
	);
	assertNoRun(
		await single.deliver(notification('replies', { id: '5550204' }), secret),
		200,
		'a reply, to a mentions-only trigger',
	);
});

test('"Listen for test event" shows every delivery, repeats included, and keeps no static data', async () => {
	const listening = newTrigger({}, { mode: 'manual' });
	const body = notification('replies', { id: '5550300' });
	assert.equal((await listening.deliver(body, secret)).items.length, 1);
	assert.equal((await listening.deliver(body, secret)).items.length, 1);
	assert.equal(listening.staticData().deliveries, undefined);
	assertNoRun(await listening.deliver(body, 'wrong'), 403, 'a forgery in test mode');
});

test('Signature Secret: Meta App Secret checks with the credential field of that name', async () => {
	const metaSecret = 'meta-app-secret-for-the-tests';
	const stored = rig.store.add({
		id: 'cred-meta',
		name: 'Threads with Meta secret',
		data: { ...rig.credential.data, metaAppSecret: metaSecret },
	});
	const withMeta = newTrigger(
		{ options: { signatureSecret: 'metaAppSecret' } },
		{ credential: { id: stored.id, name: stored.name } },
	);
	assert.equal(await withMeta.lifecycle('create'), true);
	assert.equal(
		(await withMeta.deliver(notification('replies', { id: '5550400' }), metaSecret)).items.length,
		1,
	);
	assertNoRun(
		await withMeta.deliver(notification('replies', { id: '5550401' }), secret),
		403,
		'signed with the Threads secret',
	);

	const withoutMeta = newTrigger({ options: { signatureSecret: 'metaAppSecret' } });
	await assert.rejects(
		withoutMeta.lifecycle('create'),
		/The Threads credential has no Meta App Secret/,
	);
	const answer = await withoutMeta.deliver(notification('replies', { id: '5550402' }), secret);
	assertNoRun(answer, 500, 'no Meta App Secret in the credential');
	assert.match(answer.logged, /no Meta App Secret/);
});

test('lifecycle: nothing to register at Meta; activation refused without a verify token or an event', async () => {
	assert.equal(await trigger.lifecycle('checkExists'), false);
	assert.equal(await trigger.lifecycle('create'), true);
	assert.equal(await trigger.lifecycle('delete'), true);
	await assert.rejects(newTrigger({ verifyToken: '' }).lifecycle('create'), /no Verify Token/);
	await assert.rejects(newTrigger({ events: [] }).lifecycle('create'), /listens to no event/);
});
