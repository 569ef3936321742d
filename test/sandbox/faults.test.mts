// Fault injection: every kind, matching by operation/method/path, times, seeded probability.
import assert from 'node:assert/strict';
import { after, before, beforeEach, mock, test } from 'node:test';
import type { FaultKind, Sandbox } from '../../sandbox/index.mts';
import { sleep as realTimeSleep } from '../../sandbox/server.mts';
import { type Client, client, createContainer, heldSleeps, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
// 'slow' faults and latency wait through this: held until the test releases them, no timers.
const sleeps = heldSleeps();
before(async () => {
	sb = await startManual({ sleep: sleeps.sleep });
});
beforeEach(() => {
	sb.reset();
	c = client(sb);
	sleeps.reset();
	assert.equal(sleeps.pending(), 0, 'no wait left over from the previous test');
});

/** The sandbox's next wait, which must start before the answer comes. */
async function waitBefore(answer: Promise<unknown>) {
	const first = await Promise.race([sleeps.next(), answer.then(() => undefined)]);
	assert.ok(first, 'the sandbox answered without waiting');
	return first;
}
after(() => sb.close());

const expected: Record<string, { status: number; code: number; subcode?: number; transient?: boolean }> = {
	transient: { status: 500, code: 2, transient: true },
	unknownError: { status: 500, code: 1 },
	throttle: { status: 400, code: 4, transient: true },
	userThrottle: { status: 400, code: 17, transient: true },
	throttle341: { status: 400, code: 341, transient: true },
	mediaNotFound: { status: 400, code: 24, subcode: 4279009 },
};

for (const [kind, want] of Object.entries(expected)) {
	test(`${kind} answers HTTP ${want.status} with code ${want.code} once, then the request works`, async () => {
		sb.faults.inject({ kind: kind as FaultKind, operation: 'getMe' });
		const res = await c.get('/me');
		assert.equal(res.status, want.status);
		assert.equal(res.body.error.code, want.code);
		if (want.subcode) assert.equal(res.body.error.error_subcode, want.subcode);
		assert.equal(res.body.error.is_transient, want.transient ?? false);
		assert.equal((await c.get('/me')).status, 200);
		assert.equal(sb.log[0].fault, kind);
	});
}

test('http500 answers a bare 500 that is not Graph JSON', async () => {
	sb.faults.inject({ kind: 'http500' });
	const res = await c.get('/me');
	assert.equal(res.status, 500);
	assert.equal(res.body, 'Internal Server Error');
});

test('drop destroys the socket before acting: nothing is published', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'dropped' });
	sb.faults.inject({ kind: 'drop', operation: 'publish' });
	await assert.rejects(c.post('/me/threads_publish', { creation_id: id }));
	assert.equal(sb.published().length, 0);
	assert.equal(sb.log.at(-1)!.fault, 'drop');
	assert.equal((await c.post('/me/threads_publish', { creation_id: id })).status, 200);
});

test('lostResponse publishes, then destroys the socket: the post exists although the client saw an error', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'lost' });
	sb.faults.inject({ kind: 'lostResponse', operation: 'publish' });
	await assert.rejects(c.post('/me/threads_publish', { creation_id: id }));
	assert.equal(sb.published().length, 1);
	assert.equal(sb.published()[0].containerId, id);
	const status = await c.get(`/${id}`, { fields: 'status' });
	assert.equal(status.body.status, 'PUBLISHED');
	// a blind retry is refused: exactly once
	const retry = await c.post('/me/threads_publish', { creation_id: id });
	assert.equal(retry.body.error.error_subcode, 4279023);
	assert.equal(sb.published().length, 1);
});

test('slow holds the answer for delayMs, then answers normally', async () => {
	sb.faults.inject({ kind: 'slow', delayMs: 80 });
	let answered = false;
	const answer = c.get('/me').then((res) => {
		answered = true;
		return res;
	});
	const wait = await waitBefore(answer);
	assert.equal(wait.ms, 80);
	assert.equal(answered, false, 'no answer while the delay runs');
	assert.equal(sb.log.at(-1)!.status, 0, 'the request is not acted on yet');
	wait.release();
	assert.equal((await answer).status, 200);
	assert.equal(sb.log.at(-1)!.fault, 'slow');
	assert.equal(sleeps.pending(), 0, 'one wait only');
});

test('slow waits add up and come before the fault that decides the request', async () => {
	sb.faults.inject({ kind: 'slow', delayMs: 30, operation: 'getMe' });
	sb.faults.inject({ kind: 'slow', delayMs: 50, operation: 'getMe' });
	sb.faults.inject({ kind: 'throttle', operation: 'getMe' });
	const answer = c.get('/me');
	const wait = await waitBefore(answer);
	assert.equal(wait.ms, 80);
	wait.release();
	assert.equal((await answer).body.error.code, 4);
	assert.equal(sb.log.at(-1)!.fault, 'slow,slow,throttle');
});

test('the sandbox waits in real time by default (setTimeout, driven here by mock timers)', async () => {
	mock.timers.enable({ apis: ['setTimeout'] });
	try {
		let done = false;
		const wait = realTimeSleep(80).then(() => {
			done = true;
		});
		mock.timers.tick(79);
		await Promise.resolve();
		assert.equal(done, false, 'not before 80 ms');
		mock.timers.tick(1);
		await wait;
		assert.equal(done, true);
	} finally {
		mock.timers.reset();
	}
});

test('rules match by operation, method and path substring, in injection order', async () => {
	sb.faults.inject({ kind: 'throttle', method: 'POST', pathIncludes: '/threads_publish' });
	sb.faults.inject({ kind: 'userThrottle', operation: 'getThreads' });
	sb.faults.inject({ kind: 'transient', operation: 'getThreads' });
	assert.equal((await c.get('/me')).status, 200);
	assert.equal((await c.get('/me/threads')).body.error.code, 17);
	assert.equal((await c.get('/me/threads')).body.error.code, 2);
	assert.equal((await c.post('/me/threads_publish', { creation_id: '1' })).body.error.code, 4);
	assert.equal(sb.faults.list().length, 0);
});

test('times counts down and Infinity never runs out', async () => {
	sb.faults.inject({ kind: 'throttle', operation: 'getMe', times: 2 });
	assert.equal((await c.get('/me')).status, 400);
	assert.equal((await c.get('/me')).status, 400);
	assert.equal((await c.get('/me')).status, 200);
	sb.faults.inject({ kind: 'throttle', operation: 'getMe', times: Infinity });
	for (let i = 0; i < 5; i++) assert.equal((await c.get('/me')).status, 400);
	sb.faults.clear();
	assert.equal((await c.get('/me')).status, 200);
});

test('probability uses a seeded PRNG: the same seed gives the same pattern', async () => {
	const pattern = async () => {
		sb.faults.clear();
		sb.faults.inject({ kind: 'throttle', operation: 'getMe', times: Infinity, probability: 0.5, seed: 7 });
		const out: number[] = [];
		for (let i = 0; i < 20; i++) out.push((await c.get('/me')).status);
		return out;
	};
	const first = await pattern();
	assert.deepEqual(await pattern(), first);
	assert.ok(first.includes(200) && first.includes(400));
});

test('latency is added to every response, after the request is acted on', async () => {
	sb.setLatency(60);
	try {
		for (const path of ['/me', '/me/threads']) {
			let answered = false;
			const answer = c.get(path).then((res) => {
				answered = true;
				return res;
			});
			const wait = await waitBefore(answer);
			assert.equal(wait.ms, 60);
			assert.equal(answered, false, `no answer to ${path} while the latency runs`);
			assert.equal(sb.log.at(-1)!.status, 200, 'the request was handled before the wait');
			wait.release();
			assert.equal((await answer).status, 200);
		}
	} finally {
		sb.setLatency(0);
	}
});
