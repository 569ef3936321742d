// The request log: every request in order with operation, query, body, status and fault.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { client, START, startManual } from './helpers.mts';

let sb: Sandbox;
before(async () => {
	sb = await startManual();
});
after(() => sb.close());

test('each request is logged with its operation name, params and status', async () => {
	const c = client(sb, sb.issueToken(), 'form');
	const created = await c.post('/me/threads', { media_type: 'TEXT', text: 'logged' });
	await c.post('/me/threads_publish', { creation_id: created.body.id });
	await client(sb).get(`/${created.body.id}`, { fields: 'status' });
	await client(sb).get('/nothing/here');
	assert.deepEqual(
		sb.log.map((e) => [e.method, e.operation, e.status]),
		[
			['POST', 'createContainer', 200],
			['POST', 'publish', 200],
			['GET', 'containerStatus', 200],
			['GET', 'unknown', 400],
		],
	);
	const [first] = sb.log;
	assert.equal(first.time, START);
	assert.equal(first.path, '/v1.0/me/threads');
	assert.equal(first.body.text, 'logged');
	// tokens appear in the log (tests use it to check where a client put them)
	assert.equal(first.body.access_token, c.token);
	assert.equal(sb.log[2].query.fields, 'status');
});

test('clearLog empties the same array', async () => {
	const log = sb.log;
	sb.clearLog();
	assert.equal(log.length, 0);
	await client(sb).get('/me');
	assert.equal(sb.log.length, 1);
	assert.equal(log, sb.log);
});
