import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { CredentialStore, runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { REDIRECT_URI, sandboxAppFields } from '../helpers/sandbox-app.mts';

const ref = { id: 'cred-1', name: 'Threads' };
let sandbox: Sandbox;
let store: CredentialStore;

beforeEach(async () => {
	sandbox = await startSandbox({ clock: 'manual' });
	store = new CredentialStore();
	store.add({
		...ref,
		data: {
			...sandboxAppFields(sandbox),
			scopes: ['threads_content_publish', 'threads_read_replies'],
		},
	});
});
afterEach(async () => await sandbox.close());

async function authorizationUrl(state = '') {
	const result = await runWorkflow(threadsWorkflow({ resource: 'user', operation: 'getAuthorizationUrl', state }, ref), { credentials: store });
	assert.equal(result.error, undefined, result.error?.message);
	return result.output('Threads')[0];
}

test('the authorization URL carries the app id, redirect URI, comma-separated scopes and the state, with no request made', async () => {
	const out = await authorizationUrl('my-state');
	const url = new URL(String(out.url));
	assert.equal(url.origin + url.pathname, `${sandbox.url}/oauth/authorize`);
	assert.equal(url.searchParams.get('client_id'), sandbox.app.clientId);
	assert.equal(url.searchParams.get('redirect_uri'), REDIRECT_URI);
	assert.equal(url.searchParams.get('scope'), 'threads_basic,threads_content_publish,threads_read_replies');
	assert.equal(url.searchParams.get('response_type'), 'code');
	assert.equal(out.state, 'my-state');
	assert.equal(sandbox.log.length, 0);
});

test('without a state a random one is made', async () => {
	const [first, second] = [await authorizationUrl(), await authorizationUrl()];
	assert.match(String(first.state), /^[0-9a-f]{32}$/);
	assert.notEqual(first.state, second.state);
});

test('authorization URL -> approve -> paste the redirected URL -> a connected credential (pythreads authorization_url + complete_authorization)', async () => {
	const out = await authorizationUrl();
	const approval = await fetch(String(out.url), { redirect: 'manual' });
	assert.equal(approval.status, 302);
	const redirected = approval.headers.get('location') ?? '';
	assert.ok(redirected.startsWith(REDIRECT_URI), redirected);
	assert.ok(redirected.endsWith('#_'), 'Meta appends #_');

	Object.assign(store.raw(ref.id), { authorizationCodeSecret: redirected, oauthState: out.state });
	const info = await runWorkflow(threadsWorkflow({ resource: 'user', operation: 'getTokenInfo' }, ref), { credentials: store });
	assert.equal(info.error, undefined, info.error?.message);
	const [token] = info.output('Threads');
	assert.equal(token.username, sandbox.user.username);
	assert.deepEqual(token.scopes, ['threads_basic', 'threads_content_publish', 'threads_read_replies']);
	assert.equal(store.raw(ref.id).authorizationCodeSecret, '');
});

test('a redirect URI that is not https is refused before anything is sent, naming the field', async () => {
	Object.assign(store.raw(ref.id), { redirectUri: 'ftp://example.com/cb' });
	const result = await runWorkflow(threadsWorkflow({ resource: 'user', operation: 'getAuthorizationUrl' }, ref), { credentials: store });
	assert.match(result.error?.message ?? '', /Redirect URI must be an https:\/\/ URL/);
	assert.equal(sandbox.log.length, 0);
});
