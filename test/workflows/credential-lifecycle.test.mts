import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { CredentialStore, runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { REDIRECT_URI, sandboxAppFields } from '../helpers/sandbox-app.mts';
import { DAY, HOUR, resetTime, travel } from '../helpers/time-travel.mts';
import { tokenRequests, tokenWorks } from '../helpers/tokens.mts';

const TOKEN_INFO = { resource: 'user', operation: 'getTokenInfo' };

let sandbox: Sandbox;
let store: CredentialStore;
const ref = { id: 'cred-1', name: 'Threads' };

function addCredential(data: Record<string, string | number | boolean>) {
	store.add({
		...ref,
		data: { ...sandboxAppFields(sandbox), ...data },
	});
}

async function runTokenInfo() {
	return await runWorkflow(threadsWorkflow(TOKEN_INFO, ref), { credentials: store });
}

beforeEach(async () => {
	sandbox = await startSandbox({ clock: 'manual', startTime: Date.now() });
	store = new CredentialStore();
});
afterEach(async () => {
	resetTime();
	await sandbox.close();
});

describe('authorization code -> long-lived token', () => {
	test('the code is exchanged for a short-lived then a long-lived token, stored, and the code cleared', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({ authFlow: 'authorizationCode', authorizationCodeSecret: code });

		const result = await runTokenInfo();
		assert.equal(result.error, undefined, result.error?.message);

		const stored = store.raw(ref.id);
		assert.equal(stored.authorizationCodeSecret, '', 'the used code is cleared');
		assert.ok(await tokenWorks(sandbox, String(stored.longLivedToken)));
		assert.equal(tokenRequests(sandbox, 'exchangeCode'), 1);
		assert.equal(tokenRequests(sandbox, 'exchangeToken'), 1);
		const lifetime = Date.parse(String(stored.tokenExpiresAt)) - Date.parse(String(stored.tokenIssuedAt));
		assert.ok(Math.abs(lifetime - 60 * DAY) < 60_000, `60-day lifetime, got ${lifetime / DAY} days`);

		const [info] = result.output('Threads');
		assert.equal(info.userId, sandbox.user.id);
		assert.equal(info.username, sandbox.user.username);
		assert.equal(info.daysLeft, 59);
		assert.equal(info.expired, false);
		assert.ok(!JSON.stringify(info).includes(String(stored.longLivedToken)), 'token info never shows the token');
	});

	test('the whole redirected URL is accepted, with Meta\'s trailing #_ stripped and the state checked', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({
			authFlow: 'authorizationCode',
			authorizationCodeSecret: `${REDIRECT_URI}?code=${code}&state=abc123#_`,
			oauthState: 'abc123',
		});
		const result = await runTokenInfo();
		assert.equal(result.error, undefined, result.error?.message);
		assert.ok(await tokenWorks(sandbox, String(store.raw(ref.id).longLivedToken)));
	});

	test('a redirected URL with another state is refused before any request', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({
			authFlow: 'authorizationCode',
			authorizationCodeSecret: `${REDIRECT_URI}?code=${code}&state=attacker#_`,
			oauthState: 'abc123',
		});
		const result = await runTokenInfo();
		assert.match(result.error?.message ?? '', /state/i);
		assert.equal(tokenRequests(sandbox, 'exchangeCode'), 0);
	});

	test('a code used twice gives an error that says to authorize again', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({ authFlow: 'authorizationCode', authorizationCodeSecret: code });
		assert.equal((await runTokenInfo()).error, undefined);
		store.raw(ref.id).authorizationCodeSecret = code;
		const second = await runTokenInfo();
		assert.match(second.error?.message ?? '', /authorization code was already used|authorize/i);
	});

	test('executions started together on a just-pasted code all run: one exchanges it, the others read the stored token', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({ authFlow: 'authorizationCode', authorizationCodeSecret: code });
		const runs = await Promise.all([runTokenInfo(), runTokenInfo(), runTokenInfo()]);
		for (const run of runs) assert.equal(run.error, undefined, run.error?.message);
		assert.equal(sandbox.log.filter((e) => e.operation === 'exchangeCode' && e.status === 200).length, 1);
		assert.equal(tokenRequests(sandbox, 'exchangeToken'), 1, 'one long-lived token');
		const stored = store.raw(ref.id);
		assert.equal(stored.authorizationCodeSecret, '');
		assert.ok(await tokenWorks(sandbox, String(stored.longLivedToken)));
	});

	test('a wrong app secret is named as such', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({ authFlow: 'authorizationCode', authorizationCodeSecret: code, appSecret: 'not-the-secret' });
		const result = await runTokenInfo();
		assert.match(result.error?.message ?? '', /app secret/i);
		assert.ok(!result.serialized.includes('not-the-secret'), 'the secret is not echoed');
	});

	test('Meta\'s app id used instead of the Threads app id is named as such', async () => {
		const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
		addCredential({ authFlow: 'authorizationCode', authorizationCodeSecret: code, appId: sandbox.app.metaAppId });
		const result = await runTokenInfo();
		assert.match(result.error?.message ?? '', /Threads app id/i);
	});
});

describe('a pasted access token', () => {
	test('a short-lived token is exchanged for a long-lived one at once', async () => {
		const shortLived = sandbox.issueToken({ kind: 'short' });
		addCredential({ authFlow: 'accessToken', accessToken: shortLived });
		const result = await runTokenInfo();
		assert.equal(result.error, undefined, result.error?.message);
		const stored = store.raw(ref.id);
		assert.equal(stored.accessToken, '');
		assert.notEqual(stored.longLivedToken, shortLived);
		assert.ok(await tokenWorks(sandbox, String(stored.longLivedToken)));
		travel(2 * HOUR, sandbox);
		assert.ok(await tokenWorks(sandbox, String(stored.longLivedToken)), 'still valid after the short lifetime');
	});

	test('a long-lived token is kept as it is', async () => {
		const longLived = sandbox.issueToken({ kind: 'long' });
		addCredential({ authFlow: 'accessToken', accessToken: longLived });
		assert.equal((await runTokenInfo()).error, undefined);
		assert.equal(store.raw(ref.id).longLivedToken, longLived);
	});
});

describe('automatic refresh', () => {
	async function connected() {
		addCredential({ authFlow: 'accessToken', accessToken: sandbox.issueToken({ kind: 'short' }) });
		assert.equal((await runTokenInfo()).error, undefined);
		sandbox.clearLog();
		return String(store.raw(ref.id).longLivedToken);
	}

	test('after 8 days a run refreshes the token, stores it, and the next run uses the new one', async () => {
		const first = await connected();
		travel(8 * DAY, sandbox);

		const refreshRun = await runTokenInfo();
		assert.equal(refreshRun.error, undefined, refreshRun.error?.message);
		const refreshed = String(store.raw(ref.id).longLivedToken);
		assert.notEqual(refreshed, first, 'a new token was stored');
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 1);
		assert.equal(await tokenWorks(sandbox, first), false, 'the sandbox retired the old token');
		const [info] = refreshRun.output('Threads');
		assert.equal(info.daysLeft, 59);
		assert.ok(info.refreshedAt);

		sandbox.clearLog();
		const next = await runTokenInfo();
		assert.equal(next.error, undefined);
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 0, 'no second refresh');
		const used = sandbox.log.map((entry) => entry.query.access_token).filter(Boolean);
		assert.ok(used.length > 0 && used.every((token) => token === refreshed), 'the next execution used the stored new token');
	});

	test('no refresh is attempted before the token is 24 hours old, even with a 1-day threshold', async () => {
		addCredential({ authFlow: 'accessToken', accessToken: sandbox.issueToken({ kind: 'short' }), refreshAfterDays: 1 });
		assert.equal((await runTokenInfo()).error, undefined);
		sandbox.clearLog();
		travel(23 * HOUR, sandbox);
		assert.equal((await runTokenInfo()).error, undefined);
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 0);
		travel(2 * HOUR, sandbox);
		assert.equal((await runTokenInfo()).error, undefined);
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 1);
	});

	test('a token revoked elsewhere, found at the refresh, ends in the re-authorize error (not a conflict)', async () => {
		const first = await connected();
		travel(8 * DAY, sandbox);
		// Someone else refreshed (so Meta retired) the stored token, and the new one never reached this credential.
		const elsewhere = await fetch(`${sandbox.url}/refresh_access_token?grant_type=th_refresh_token&access_token=${first}`);
		assert.equal(elsewhere.status, 200);
		const result = await runTokenInfo();
		assert.match(result.error?.message ?? '', /expired or was revoked/);
		assert.match(result.error?.message ?? '', /Authorize the Threads credential again/);
		assert.doesNotMatch(result.error?.message ?? '', /replaced while/);
	});

	test('a token left unused for 61 days gives the re-authorize error and no retry loop', async () => {
		await connected();
		travel(61 * DAY, sandbox);
		const result = await runTokenInfo();
		assert.match(result.error?.message ?? '', /expired/i);
		assert.match(result.error?.message ?? '', /Authorize the Threads credential again/);
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 0, 'an expired token is not sent to refresh');
		assert.ok(sandbox.log.length <= 1, `at most one request, got ${sandbox.log.length}`);
	});

	test('concurrent executions refreshing at once end with one valid stored token', async () => {
		await connected();
		travel(8 * DAY, sandbox);
		const runs = await Promise.all([runTokenInfo(), runTokenInfo(), runTokenInfo()]);
		for (const run of runs) assert.equal(run.error, undefined, run.error?.message);
		const stored = String(store.raw(ref.id).longLivedToken);
		assert.ok(await tokenWorks(sandbox, stored), 'the stored token is alive');
		sandbox.clearLog();
		assert.equal((await runTokenInfo()).error, undefined, 'and a later run works without refreshing');
		assert.equal(tokenRequests(sandbox, 'refreshToken'), 0);
	});
});
