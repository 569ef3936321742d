/**
 * The credential's token lifecycle in a real n8n 2.40.7: an authorization code is turned into a
 * long-lived token, eight days later a run refreshes it and n8n saves the new token into its
 * encrypted store (read back with `n8n export:credentials --decrypted`), and after 61 idle days the
 * run fails with the re-authorize error. Each run is its own `n8n execute` process whose clock is moved
 * forward with libfaketime (n8n evaluates the credential's refresh gate in an isolate, which only an
 * OS-level clock shift reaches), together with the sandbox's clock.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { ensureFaketime, faketimeEnv } from '../../scripts/faketime.mts';
import { importCredentials, importWorkflows, runN8nCli } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';
import { authorizationCodeData, exportedCredential, tokenInfoWorkflow } from '../helpers/token-info-n8n.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY = 24 * 60 * 60 * 1000;

let sandbox: Sandbox;
let opts: N8nInstanceOptions;
let userFolder: string;
let offsetMs = 0;
let faketimeLibrary: string;
let credentials = 0;
const secrets = new Set<string>();
const everythingN8nPrinted: string[] = [];

const log = (line: string) => console.log(`# ${line}`);

/** A credential of its own for each test, and the token-info workflow that uses it. */
interface TestCredential {
	credentialId: string;
	workflowId: string;
}

function travel(ms: number): void {
	offsetMs += ms;
	sandbox.clock.advance(ms);
}

/**
 * A new credential holding an authorization code issued just now (the state after the user pasted
 * the redirect URL), and a workflow that runs Get Token Info with it. The sandbox clock and n8n's
 * clock (faketime) only move forward, so every test works from "now", whatever ran before it.
 */
async function newCredential(): Promise<TestCredential> {
	const n = ++credentials;
	const credentialId = `e2eRefreshCred${String(n).padStart(2, '0')}`;
	const workflowId = `e2eTokenInfo${String(n).padStart(4, '0')}`;
	const name = `Threads (refresh test ${n})`;
	const { data, code } = authorizationCodeData(sandbox);
	secrets.add(code);
	await importCredentials(opts, [{ id: credentialId, name, type: THREADS_CREDENTIAL_TYPE, data }]);
	await importWorkflows(opts, [{ id: workflowId, ...tokenInfoWorkflow(`Token info ${n}`, { id: credentialId, name }) }]);
	return { credentialId, workflowId };
}

/** A new credential whose code n8n has already exchanged for a long-lived token (its first run). */
async function authorizedCredential(): Promise<TestCredential> {
	const credential = await newCredential();
	const run = await runOnce(credential);
	assert.ok(run.ok, run.output.slice(-3000));
	return credential;
}

/** Runs the credential's token-info workflow in a fresh n8n process living `offsetMs` in the future. */
async function runOnce({ workflowId }: TestCredential): Promise<{ ok: boolean; output: string }> {
	const result = await runN8nCli(
		{ ...opts, env: offsetMs ? faketimeEnv(faketimeLibrary, offsetMs) : {} },
		['execute', `--id=${workflowId}`, '--rawOutput'],
	);
	const output = `${result.stdout}\n${result.stderr}`;
	everythingN8nPrinted.push(output);
	// The run's JSON only: at debug level n8n also logs its own errors (e.g. a statistics write racing
	// the process's shutdown), one line each, after a timestamp.
	const runJson = result.stdout.split('\n').filter((line) => !/^\d\d:\d\d:\d\d\.\d+\s/.test(line));
	return { ok: result.code === 0 && !runJson.some((line) => /"error"\s*:/.test(line)), output };
}

/** The credential as n8n stores it, decrypted by n8n itself. */
async function storedCredential({ credentialId }: TestCredential): Promise<Record<string, string>> {
	const data = await exportedCredential(opts, credentialId);
	for (const key of ['longLivedToken', 'appSecret', 'authorizationCodeSecret']) {
		if (data[key]) secrets.add(data[key]);
	}
	return data;
}

describe('the Threads credential in a real n8n keeps its token alive', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		faketimeLibrary = ensureFaketime(log);
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-refresh-'));
		opts = { runtime, userFolder, port: await getFreePort(), runnerPort: await getFreePort(), logLevel: 'debug' };
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		secrets.add(sandbox.app.clientSecret);
	});

	after(async () => {
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('exchanges the authorization code for a long-lived token and saves it', async () => {
		const credential = await newCredential();
		sandbox.clearLog();
		const run = await runOnce(credential);
		assert.ok(run.ok, run.output.slice(-3000));
		const stored = await storedCredential(credential);
		assert.equal(stored.authorizationCodeSecret, '', 'the used code is cleared from the store');
		assert.ok(stored.longLivedToken, 'a long-lived token is stored');
		const lifetime = Date.parse(stored.tokenExpiresAt) - Date.parse(stored.tokenIssuedAt);
		assert.ok(Math.abs(lifetime - 60 * DAY) < 5 * 60_000, `60 days, got ${lifetime / DAY}`);
		assert.equal(sandbox.log.filter((e) => e.operation === 'exchangeCode').length, 1);
		assert.equal(sandbox.log.filter((e) => e.operation === 'exchangeToken').length, 1);
	});

	it('refreshes the token 8 days later, saves the new token and expiry, and the next run uses them', async () => {
		const credential = await authorizedCredential();
		const before = await storedCredential(credential);
		sandbox.clearLog();
		travel(8 * DAY);
		const run = await runOnce(credential);
		assert.ok(run.ok, run.output.slice(-3000));
		const after = await storedCredential(credential);
		assert.notEqual(after.longLivedToken, before.longLivedToken, 'n8n saved the refreshed token');
		assert.ok(after.tokenRefreshedAt, 'the refresh time is saved');
		assert.ok(
			Date.parse(after.tokenExpiresAt) - Date.parse(before.tokenExpiresAt) > 7 * DAY,
			'the saved expiry moved 8 days later',
		);
		assert.equal(sandbox.log.filter((e) => e.operation === 'refreshToken').length, 1);

		sandbox.clearLog();
		travel(60 * 60 * 1000);
		const next = await runOnce(credential);
		assert.ok(next.ok, next.output.slice(-3000));
		assert.equal(sandbox.log.filter((e) => e.operation === 'refreshToken').length, 0, 'no second refresh');
		const used = sandbox.log.map((e) => e.query.access_token).filter(Boolean);
		assert.ok(used.length > 0 && used.every((token) => token === after.longLivedToken), 'the new token is used');
	});

	it('after 61 days without a run the error says to authorize again, without retrying', async () => {
		const credential = await authorizedCredential();
		travel(61 * DAY);
		sandbox.clearLog();
		const run = await runOnce(credential);
		assert.equal(run.ok, false);
		assert.match(run.output, /Authorize the Threads credential again/);
		assert.equal(sandbox.log.filter((e) => e.operation === 'refreshToken').length, 0);
	});

	it('no token, code or secret appears in anything n8n printed or logged, through a whole token life (code exchange, refresh, expiry)', async () => {
		// Its own credential through every step the tests above check, whatever they did before it;
		// what they printed, if they ran, is scanned too.
		const credential = await authorizedCredential();
		await storedCredential(credential); // the first long-lived token
		travel(8 * DAY);
		await runOnce(credential);
		await storedCredential(credential); // the refreshed token
		travel(61 * DAY);
		await runOnce(credential);

		let logFile = '';
		try {
			logFile = readFileSync(path.join(userFolder, 'n8n.log'), 'utf8');
		} catch {
			// CLI runs may not write the server log file
		}
		const hits = findSecrets(`${everythingN8nPrinted.join('\n')}\n${logFile}`, secrets);
		assert.deepEqual(hits, []);
		assert.ok(secrets.size >= 4, 'the scan knew the code, the secret and both tokens');
	});
});
