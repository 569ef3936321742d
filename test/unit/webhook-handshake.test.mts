// Meta's GET verification: the challenge is echoed only for hub.mode=subscribe with the node's verify token.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { answerHandshake } from '../../nodes/ThreadsTrigger/webhook/handshake.ts';

const TOKEN = 'my-verify-token';
const query = (overrides: Record<string, unknown> = {}) => ({
	'hub.mode': 'subscribe',
	'hub.verify_token': TOKEN,
	'hub.challenge': '1158201444',
	...overrides,
});

test('the right token in subscribe mode gets the challenge back', () => {
	assert.deepEqual(answerHandshake(query(), TOKEN), { status: 200, challenge: '1158201444' });
});

test('the dotted names also work when a query parser nested them', () => {
	const nested = { hub: { mode: 'subscribe', verify_token: TOKEN, challenge: 'abc' } };
	assert.deepEqual(answerHandshake(nested, TOKEN), { status: 200, challenge: 'abc' });
});

test('a wrong, missing or differently-cased token is refused', () => {
	for (const token of ['wrong', '', TOKEN.toUpperCase(), `${TOKEN} `, undefined, [TOKEN, TOKEN]]) {
		assert.deepEqual(
			answerHandshake(query({ 'hub.verify_token': token }), TOKEN),
			{ status: 403 },
			String(token),
		);
	}
});

test('any mode other than subscribe is refused', () => {
	for (const mode of ['unsubscribe', 'SUBSCRIBE', '', undefined]) {
		assert.deepEqual(
			answerHandshake(query({ 'hub.mode': mode }), TOKEN),
			{ status: 403 },
			String(mode),
		);
	}
});

test('no challenge, an empty or an oversized one is refused', () => {
	for (const challenge of [undefined, '', 'x'.repeat(1025), ['1', '2']]) {
		assert.deepEqual(answerHandshake(query({ 'hub.challenge': challenge }), TOKEN), {
			status: 403,
		});
	}
	assert.equal(answerHandshake(query({ 'hub.challenge': 'x'.repeat(1024) }), TOKEN).status, 200);
});

test('a node without a verify token answers no one, not even an empty token', () => {
	assert.deepEqual(answerHandshake(query({ 'hub.verify_token': '' }), ''), { status: 403 });
	assert.deepEqual(answerHandshake(query(), ''), { status: 403 });
});
