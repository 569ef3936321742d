/**
 * What a user sees when n8n tests the Threads credential on save (the editor's POST /rest/credentials/test)
 * in a real n8n: the pasted authorization code is exchanged right then, while it is still valid, and the
 * long-lived token is saved; a wrong app secret or a revoked token gets a message that says which.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { importCredentials, runN8nCli } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { REDIRECT_URI, sandboxAppFields } from '../helpers/sandbox-app.mts';
import { findSecrets } from '../helpers/secret-scan.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let sandbox: Sandbox;
let opts: N8nInstanceOptions;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
const secrets = new Set<string>();
const answers: string[] = [];

const log = (line: string) => console.log(`# ${line}`);

function credentialData(overrides: Record<string, unknown>) {
	return { ...sandboxAppFields(sandbox), ...overrides };
}

/** Saves a credential (as the editor does before testing it) and tests it the way the editor's button does. */
async function saveAndTest(id: string, data: Record<string, unknown>): Promise<{ status: string; message: string }> {
	const name = `Threads ${id}`;
	await importCredentials(opts, [{ id, name, type: THREADS_CREDENTIAL_TYPE, data }]);
	const result = await client.request<{ status: string; message: string }>('POST', '/rest/credentials/test', {
		credentials: { id, name, type: THREADS_CREDENTIAL_TYPE, data },
	});
	answers.push(JSON.stringify(result));
	return result;
}

async function stored(id: string): Promise<Record<string, string>> {
	const file = path.join(userFolder, `export-${id}.json`);
	const result = await runN8nCli(opts, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]);
	assert.equal(result.code, 0, result.stderr);
	const [credential] = JSON.parse(readFileSync(file, 'utf8')) as Array<{ data: Record<string, string> }>;
	rmSync(file);
	if (credential.data.longLivedToken) secrets.add(credential.data.longLivedToken);
	return credential.data;
}

// What the tests do, each with a credential of its own (so any test runs alone and in any order).

/** A freshly pasted authorization code, saved and tested; returns the answer and what n8n stored. */
async function pasteCode(id: string): Promise<{ result: { status: string; message: string }; data: Record<string, string> }> {
	const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	secrets.add(code);
	const result = await saveAndTest(id, credentialData({ authorizationCodeSecret: code }));
	return { result, data: await stored(id) };
}

/** A freshly pasted code with a wrong app secret, saved and tested. */
async function pasteCodeWithWrongSecret(id: string): Promise<{ status: string; message: string }> {
	const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	secrets.add(code);
	secrets.add('wrong-secret-123');
	return await saveAndTest(id, credentialData({ authorizationCodeSecret: code, appSecret: 'wrong-secret-123' }));
}

/** A saved credential whose token was refreshed (and so retired) behind n8n's back, tested again. */
async function testRevokedToken(id: string): Promise<{ status: string; message: string }> {
	const { result: saved, data } = await pasteCode(id);
	assert.equal(saved.status, 'OK');
	// Meta retires a token once it is refreshed: refresh it behind n8n's back.
	sandbox.clock.advance(2 * 24 * 3600_000);
	const refreshed = await fetch(`${sandbox.url}/refresh_access_token?grant_type=th_refresh_token&access_token=${encodeURIComponent(data.longLivedToken)}`);
	assert.equal(refreshed.status, 200);
	const result = await client.request<{ status: string; message: string }>('POST', '/rest/credentials/test', {
		credentials: { id, name: `Threads ${id}`, type: THREADS_CREDENTIAL_TYPE, data },
	});
	answers.push(JSON.stringify(result));
	return result;
}

describe('testing the Threads credential on save, in a real n8n', { timeout: 20 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		secrets.add(sandbox.app.clientSecret);
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-credtest-'));
		opts = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'credtest-owner@example.com', password: 'Credtest-owner-password-1' },
			logLevel: 'debug',
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		server = await startN8n(opts);
		client = await server.login();
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('exchanges a pasted authorization code at once and saves the long-lived token', async () => {
		sandbox.clearLog();
		const { result, data } = await pasteCode('credTestCode0001');
		assert.equal(result.status, 'OK', result.message);
		assert.equal(data.authorizationCodeSecret, '', 'the used code is cleared');
		assert.ok(data.longLivedToken, 'the long-lived token is saved by the test itself');
		assert.equal(data.tokenUsername, sandbox.user.username);
		assert.equal(sandbox.log.filter((e) => e.operation === 'exchangeToken').length, 1);
	});

	it('a wrong app secret is reported as such', async () => {
		const result = await pasteCodeWithWrongSecret('credTestBadSec01');
		assert.equal(result.status, 'Error');
		assert.match(result.message, /app secret/i);
	});

	it('a revoked token is reported with what to do', async () => {
		const result = await testRevokedToken('credTestRevoke01');
		assert.equal(result.status, 'Error');
		assert.match(result.message, /expired or (was )?revoked|authorize again/i);
	});

	it('no code, token or secret appears in the answers or in n8n\'s log, after a code exchange, a wrong secret and a revoked token', async () => {
		// Its own credentials through what the tests above check, whatever they did before it; their
		// answers, if they ran, are scanned too.
		await pasteCode('credTestScanCode');
		await pasteCodeWithWrongSecret('credTestScanBad1');
		await testRevokedToken('credTestScanRevk');
		const logText = readFileSync(server.logFile, 'utf8');
		assert.deepEqual(findSecrets(`${answers.join('\n')}\n${logText}`, secrets), []);
	});
});
