/**
 * The credential's token lifecycle in a real n8n 2.40.7: an authorization code is turned into a
 * long-lived token, eight days later a run refreshes it and n8n saves the new token into its
 * encrypted store (read back with `n8n export:credentials --decrypted`), and after 61 idle days the
 * run fails with the re-authorize error. Each run is its own `n8n execute` process whose clock is moved
 * forward with libfaketime, together with the sandbox's clock (test/helpers/credential-lifecycle.mts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { ensureFaketime } from '../../scripts/faketime.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import {
	assertExchangeSaved,
	assertRefreshSaved,
	CredentialLifecycle,
	DAY,
} from '../helpers/credential-lifecycle.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let sandbox: Sandbox;
let userFolder: string;
let life: CredentialLifecycle;

const log = (line: string) => console.log(`# ${line}`);

describe('the Threads credential in a real n8n keeps its token alive', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		const faketimeLibrary = ensureFaketime(log);
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-refresh-'));
		const opts = { runtime, userFolder, port: await getFreePort(), runnerPort: await getFreePort(), logLevel: 'debug' as const };
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		life = new CredentialLifecycle(opts, sandbox, faketimeLibrary);
	});

	after(async () => {
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('exchanges the authorization code for a long-lived token and saves it', async () => {
		const credential = await life.newCredential();
		sandbox.clearLog();
		const run = await life.runOnce(credential);
		assert.ok(run.ok, run.output.slice(-3000));
		assertExchangeSaved(await life.stored(credential));
		assert.equal(life.requests('exchangeCode'), 1);
		assert.equal(life.requests('exchangeToken'), 1);
	});

	it('refreshes the token 8 days later, saves the new token and expiry, and the next run uses them', async () => {
		const credential = await life.authorizedCredential();
		const before = await life.stored(credential);
		sandbox.clearLog();
		life.travel(8 * DAY);
		const run = await life.runOnce(credential);
		assert.ok(run.ok, run.output.slice(-3000));
		const after = await life.stored(credential);
		assertRefreshSaved(before, after, 8);
		assert.equal(life.requests('refreshToken'), 1);

		sandbox.clearLog();
		life.travel(60 * 60 * 1000);
		const next = await life.runOnce(credential);
		assert.ok(next.ok, next.output.slice(-3000));
		assert.equal(life.requests('refreshToken'), 0, 'no second refresh');
		const used = sandbox.log.map((e) => e.query.access_token).filter(Boolean);
		assert.ok(used.length > 0 && used.every((token) => token === after.longLivedToken), 'the new token is used');
	});

	it('after 61 days without a run the error says to authorize again, without retrying', async () => {
		const credential = await life.authorizedCredential();
		life.travel(61 * DAY);
		sandbox.clearLog();
		const run = await life.runOnce(credential);
		assert.equal(run.ok, false);
		assert.match(run.output, /Authorize the Threads credential again/);
		assert.equal(life.requests('refreshToken'), 0);
	});

	it('no token, code or secret appears in anything n8n printed or logged, through a whole token life (code exchange, refresh, expiry)', async () => {
		// Its own credential through every step the tests above check, whatever they did before it;
		// what they printed, if they ran, is scanned too.
		const credential = await life.authorizedCredential();
		await life.stored(credential); // the first long-lived token
		life.travel(8 * DAY);
		await life.runOnce(credential);
		await life.stored(credential); // the refreshed token
		life.travel(61 * DAY);
		await life.runOnce(credential);

		let logFile = '';
		try {
			logFile = readFileSync(path.join(userFolder, 'n8n.log'), 'utf8');
		} catch {
			// CLI runs may not write the server log file
		}
		const hits = findSecrets(`${life.printed.join('\n')}\n${logFile}`, life.secrets);
		assert.deepEqual(hits, []);
		assert.ok(life.secrets.size >= 4, 'the scan knew the code, the secret and both tokens');
	});
});
