import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { type INode, type INodeTypes, Workflow } from 'n8n-workflow';
import { apiHostProblem } from '../../nodes/Threads/auth/apiHost.ts';

import {
	DAY_MS,
	buildAuthorizationUrl,
	canRefresh,
	expiresInSeconds,
	isExpired,
	parseAuthorizationResponse,
	refreshDueAt,
	refreshGateExpression,
} from '../../nodes/Threads/auth/tokenLifetime.ts';

describe('authorization URL (pythreads authorization_url)', () => {
	test('carries client id, redirect URI, comma-separated scopes with threads_basic, code response type and state', () => {
		const url = new URL(
			buildAuthorizationUrl({
				clientId: '123',
				redirectUri: 'https://example.com/cb',
				scopes: ['threads_content_publish', 'threads_read_replies'],
				state: 's1',
			}),
		);
		assert.equal(url.origin + url.pathname, 'https://threads.net/oauth/authorize');
		assert.equal(url.searchParams.get('client_id'), '123');
		assert.equal(url.searchParams.get('redirect_uri'), 'https://example.com/cb');
		assert.equal(url.searchParams.get('scope'), 'threads_basic,threads_content_publish,threads_read_replies');
		assert.equal(url.searchParams.get('response_type'), 'code');
		assert.equal(url.searchParams.get('state'), 's1');
	});

	test('a sandbox or proxy base URL serves the authorization window itself', () => {
		const url = buildAuthorizationUrl({ baseUrl: 'http://127.0.0.1:5680/', clientId: '1', redirectUri: 'https://x/cb', scopes: [], state: 's' });
		assert.match(url, /^http:\/\/127\.0\.0\.1:5680\/oauth\/authorize\?/);
	});
});

describe('complete authorization (pythreads complete_authorization)', () => {
	test('a bare code is taken as it is, with Meta\'s #_ stripped', () => {
		assert.deepEqual(parseAuthorizationResponse('AQBx123#_'), { code: 'AQBx123' });
	});
	test('a redirected URL gives its code', () => {
		assert.deepEqual(parseAuthorizationResponse('https://example.com/cb?code=AQB%2Fx&state=s1#_', 's1'), { code: 'AQB/x' });
	});
	test('a mismatched state is refused', () => {
		assert.throws(() => parseAuthorizationResponse('https://example.com/cb?code=A&state=evil#_', 's1'), /state/);
	});
	test('a cancelled authorization is reported as such', () => {
		assert.throws(
			() => parseAuthorizationResponse('https://example.com/cb?error=access_denied&error_reason=user_denied#_'),
			/not granted \(user_denied\)/,
		);
	});
	test('a URL without a code is refused', () => {
		assert.throws(() => parseAuthorizationResponse('https://example.com/cb?state=s1'), /no "code"/);
	});
});

describe('credentials that know when they expire (pythreads Credentials.expired / expires_in)', () => {
	const issuedAt = Date.UTC(2026, 0, 1);
	const state = { issuedAt, expiresAt: issuedAt + 60 * DAY_MS };

	test('expired and expires_in', () => {
		assert.equal(isExpired(state, issuedAt + 59 * DAY_MS), false);
		assert.equal(isExpired(state, issuedAt + 60 * DAY_MS), true);
		assert.equal(expiresInSeconds(state, issuedAt + 59 * DAY_MS), 86400);
		assert.equal(expiresInSeconds(state, issuedAt + 61 * DAY_MS), 0);
	});

	test('refresh is due at the threshold and a day before expiry, both to the hour, never before 25 h (Meta\'s 24 h and a margin)', () => {
		const hour = 3600_000;
		assert.equal(refreshDueAt(state, 7), issuedAt + 7 * DAY_MS - hour);
		assert.equal(refreshDueAt(state, 0.5), issuedAt + 25 * hour);
		assert.equal(refreshDueAt(state, 1), issuedAt + 25 * hour);
		assert.equal(refreshDueAt(state, 59), issuedAt + 59 * DAY_MS - hour);
		assert.equal(refreshDueAt(state, 90), issuedAt + 59 * DAY_MS - hour);
	});

	test('Meta only refreshes tokens at least 24 h old and not expired: the credential waits an hour more', () => {
		assert.equal(canRefresh(state, issuedAt + 23 * 3600_000), false);
		assert.equal(canRefresh(state, issuedAt + 24 * 3600_000 + 60_000), false);
		assert.equal(canRefresh(state, issuedAt + 25 * 3600_000), true);
		assert.equal(canRefresh(state, issuedAt + 61 * DAY_MS), false);
	});

	test('the gate stays shut until the refresh time and reopens on a newly pasted code or token', () => {
		const gate = refreshGateExpression(1234.9);
		// n8n resolves a credential field only when it is an expression ("={{ ... }}").
		assert.match(gate, /^=\{\{/);
		// Shut ('active') before the refresh time (floored to whole milliseconds), open ('') from it on.
		assert.equal(evaluateGate(gate, 0), 'active');
		assert.equal(evaluateGate(gate, 1233), 'active');
		assert.equal(evaluateGate(gate, 1234), '');
		assert.equal(evaluateGate(gate, 1235), '');
		assert.equal(evaluateGate(gate, issuedAt), '');
		// A code or token pasted into the credential opens it at once, even long before the refresh time.
		assert.equal(evaluateGate(gate, 1233, { authorizationCodeSecret: 'AQBx123#_' }), '');
		assert.equal(evaluateGate(gate, 1233, { accessToken: 'THAAx' }), '');
		assert.equal(evaluateGate(gate, 1233, { appId: '1', refreshAfterDays: 7 }), 'active', 'other fields do not');
	});

	test('a gate armed for a real token shuts until its refresh is due', () => {
		const due = refreshDueAt(state, 7);
		const gate = refreshGateExpression(due);
		assert.equal(evaluateGate(gate, due - 1), 'active');
		assert.equal(evaluateGate(gate, due), '');
		assert.equal(evaluateGate(gate, issuedAt + 30 * DAY_MS), '');
	});
});

/**
 * The credential's session field as n8n resolves it (CredentialsHelper.applyDefaultsAndOverwrites):
 * the stored data, defaults applied (empty code and token), through n8n-workflow's expression
 * machinery with the data as $self, at a chosen Date.now().
 */
function evaluateGate(gate: string, now: number, fields: Record<string, unknown> = {}): unknown {
	const node: INode = {
		id: 'credential',
		name: 'credential',
		type: 'credential',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeTypes = {
		getByName: () => ({ description: { properties: [] } }),
		getByNameAndVersion: () => ({ description: { properties: [] } }),
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const data = { authorizationCodeSecret: '', accessToken: '', ...fields, session: gate };
	const realNow = Date.now;
	Date.now = () => now;
	try {
		const resolved = workflow.expression.getComplexParameterValue(
			node,
			data as never,
			'internal',
			{},
			undefined,
			undefined,
			data as never,
		) as Record<string, unknown>;
		return resolved.session;
	} finally {
		Date.now = realNow;
	}
}

describe('the token is bound to the host that issued it', () => {
	test("a gate armed for Meta's host shuts only while the credential points there", () => {
		const gate = refreshGateExpression(1234);
		assert.equal(evaluateGate(gate, 0), 'active', 'the default base URL is Meta');
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'https://graph.threads.net/' }), 'active');
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'https://graph.threads.com' }), '');
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'https://proxy.example', allowCustomHost: true }), '');
	});

	test('a gate armed for a custom host also needs custom hosts to stay allowed', () => {
		const gate = refreshGateExpression(1234, 'http://127.0.0.1:5680', true);
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'http://127.0.0.1:5680', allowCustomHost: true }), 'active');
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'http://127.0.0.1:5680', allowCustomHost: false }), '');
		assert.equal(evaluateGate(gate, 0, { apiBaseUrl: 'http://127.0.0.1:5681', allowCustomHost: true }), '');
	});

	test("Meta's hosts over https pass; other hosts need Allow a Custom Host; plain http only on this machine", () => {
		assert.equal(apiHostProblem({}), undefined);
		assert.equal(apiHostProblem({ apiBaseUrl: 'https://graph.threads.net' }), undefined);
		assert.equal(apiHostProblem({ apiBaseUrl: 'https://graph.threads.com/' }), undefined);
		assert.match(apiHostProblem({ apiBaseUrl: 'http://graph.threads.net' }) ?? '', /turn on Allow a Custom Host/);
		assert.match(apiHostProblem({ apiBaseUrl: 'https://graph.threads.net.evil.example' }) ?? '', /turn on Allow a Custom Host/);
		assert.match(apiHostProblem({ apiBaseUrl: 'https://graph.threads.net:8443' }) ?? '', /turn on Allow a Custom Host/);
		assert.equal(apiHostProblem({ apiBaseUrl: 'https://proxy.example', allowCustomHost: true }), undefined);
		assert.equal(apiHostProblem({ apiBaseUrl: 'http://127.0.0.1:5680', allowCustomHost: true }), undefined);
		assert.equal(apiHostProblem({ apiBaseUrl: 'http://localhost:5680', allowCustomHost: true }), undefined);
		assert.equal(apiHostProblem({ apiBaseUrl: 'http://[::1]:5680', allowCustomHost: true }), undefined);
		assert.match(apiHostProblem({ apiBaseUrl: 'http://proxy.example', allowCustomHost: true }) ?? '', /plain http is allowed only for this machine/);
		assert.match(apiHostProblem({ apiBaseUrl: 'https://user:pw@proxy.example', allowCustomHost: true }) ?? '', /user name or password/);
		assert.match(apiHostProblem({ apiBaseUrl: 'https://proxy.example/}}', allowCustomHost: true }) ?? '', /braces/);
		assert.match(apiHostProblem({ apiBaseUrl: 'file:///etc/passwd', allowCustomHost: true }) ?? '', /http\(s\) URL/);
	});
});
