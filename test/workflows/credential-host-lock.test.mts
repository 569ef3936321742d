// The app secret and tokens go only to Meta's hosts, or to a custom host the user allowed; a token only to the host that issued it.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { CredentialStore, runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { tokenRequests } from '../helpers/tokens.mts';

const REDIRECT_URI = 'https://example.com/threads/callback';
const ref = { id: 'cred-1', name: 'Threads' };
const GET_ME = { resource: 'user', operation: 'getMe' };

let issuer: Sandbox;
let other: Sandbox;
let store: CredentialStore;

beforeEach(async () => {
	issuer = await startSandbox({ clock: 'manual', startTime: Date.now() });
	other = await startSandbox({ clock: 'manual', startTime: Date.now() });
	store = new CredentialStore();
});
afterEach(async () => {
	await issuer.close();
	await other.close();
});

function addCredential(data: Record<string, unknown>) {
	store.add({
		...ref,
		data: {
			appId: issuer.app.clientId,
			appSecret: issuer.app.clientSecret,
			redirectUri: REDIRECT_URI,
			authFlow: 'authorizationCode',
			...data,
		},
	});
}

async function run(parameters: IDataObject = GET_ME) {
	return await runWorkflow(threadsWorkflow(parameters, ref), { credentials: store });
}

test('a custom host is refused unless allowed, before the code or the app secret is sent', async () => {
	const code = issuer.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	addCredential({ apiBaseUrl: issuer.url, authorizationCodeSecret: code });
	const refused = await run();
	assert.ok(refused.error, 'the run must fail');
	assert.match(refused.error.message, /API Base URL must be Meta's .*turn on Allow a Custom Host/);
	assert.equal(issuer.log.length, 0, 'nothing reached the custom host');

	store.raw(ref.id).allowCustomHost = true;
	const allowed = await run();
	assert.equal(allowed.error, undefined, allowed.error?.message);
	assert.equal(tokenRequests(issuer, 'exchangeCode'), 1);
	assert.equal(store.raw(ref.id).tokenHost, issuer.url);
});

test('plain http is refused for any host but this machine, even when custom hosts are allowed', async () => {
	for (const apiBaseUrl of ['http://threads-proxy.example', 'http://graph.threads.net', 'ftp://127.0.0.1']) {
		addCredential({ apiBaseUrl, allowCustomHost: true, authorizationCodeSecret: 'AQB-code' });
		const result = await run();
		assert.ok(result.error, `${apiBaseUrl} must be refused`);
		assert.match(result.error.message, /^API Base URL must (use https for|be an http\(s\) URL)/, apiBaseUrl);
	}
	const meta = await run({ resource: 'user', operation: 'getAuthorizationUrl' });
	assert.match(String(meta.error?.message), /^API Base URL must/, 'the authorization URL is not built for a refused host');
});

test("a token is never sent to a host other than the one that issued it: the node asks for a new authorization", async () => {
	const code = issuer.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	addCredential({ apiBaseUrl: issuer.url, allowCustomHost: true, authorizationCodeSecret: code });
	assert.equal((await run()).error, undefined);
	const token = String(store.raw(ref.id).longLivedToken);
	assert.ok(token.length > 10);

	store.raw(ref.id).apiBaseUrl = other.url;
	const moved = await run();
	assert.ok(moved.error, 'the run must fail');
	assert.match(moved.error.message, /API Base URL changed from .* to .* since the token was issued/);
	assert.match(moved.error.message, /Authorize the Threads credential again/);
	assert.equal(other.log.length, 0, 'no request, and so no token, reached the new host');
	assert.ok(!JSON.stringify(moved.serialized).includes(token), 'the token appears nowhere in the run');

	// Back on the issuing host the same token works again, with no new authorization.
	store.raw(ref.id).apiBaseUrl = `${issuer.url}/`;
	assert.equal((await run()).error, undefined);

	// Turning custom hosts off stops it too.
	store.raw(ref.id).allowCustomHost = false;
	const locked = await run();
	assert.match(String(locked.error?.message), /turn on Allow a Custom Host/);
});
