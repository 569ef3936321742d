/**
 * Four months of the Threads credential in one real n8n 2.40.7 server, nobody touching it: an
 * authorization code pasted once, then runs after clock jumps of a day to 50 days (idle gaps of 5,
 * 20 and 50 among them). The server's clock moves while it runs: libfaketime re-reads a shared clock
 * file (scripts/faketime.mts), and the sandbox's clock moves with it. Every refresh is saved by n8n
 * (read back with `n8n export:credentials --decrypted`) and used from the next run on; after 61 silent
 * days the run fails with the error that says to authorize again. Nothing secret reaches n8n's log
 * or its answers. One server for every run: an `n8n execute` process per run costs 10-15 s each.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { ensureFaketime, faketimeFileEnv, waitForServerClock, writeFaketimeOffset } from '../../scripts/faketime.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';
import { authorizationCodeData, exportedCredential, tokenInfoWorkflow } from '../helpers/token-info-n8n.mts';
import { impliedRefreshDays, tallyLine } from '../helpers/token-year.mts';
import { apiTokensUsed, tokenRequests, tokenWorks } from '../helpers/tokens.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY = 24 * 60 * 60 * 1000;
const CREDENTIAL_NAME = 'Threads (months untouched)';
/** Days between runs: daily and weekly runs around idle gaps of 5, 20 and 50 days, 119 days in all. */
const GAPS = [1, 5, 2, 20, 3, 7, 50, 1, 8, 6, 16];
const RUN_DAYS = GAPS.reduce((days, gap) => [...days, days[days.length - 1] + gap], [0]);
const REFRESH_AFTER_DAYS = 7; // the credential's default, left as it is

let sandbox: Sandbox;
let opts: N8nInstanceOptions;
let server: N8nServer;
let client: N8nRestClient;
let clockFile: string;
let offsetMs = 0;
let credentialId: string;
let workflowId: string;
const secrets = new Set<string>();
/** The executions n8n handed back, scanned for secrets with its log. */
const executions: string[] = [];
/** Real time spent per step, for the timing line. */
const spent = { jumps: 0, runs: 0, exports: 0, exportCount: 0 };

async function timed<T>(step: 'jumps' | 'runs' | 'exports', work: () => Promise<T>): Promise<T> {
	const start = Date.now();
	try {
		return await work();
	} finally {
		spent[step] += Date.now() - start;
	}
}

const log = (line: string) => console.log(`# ${line}`);

/** Moves n8n's clock and the sandbox's `days` ahead, and logs in again (n8n's session lasts 7 days). */
async function jump(days: number): Promise<void> {
	offsetMs += days * DAY;
	writeFaketimeOffset(clockFile, offsetMs);
	sandbox.clock.advance(days * DAY);
	await timed('jumps', async () => {
		await waitForServerClock(`${server.url}/healthz`, offsetMs);
		client = await server.login();
	});
}

/** The credential and the workflow, saved as the editor saves them: the user's only actions. */
async function createInEditor(): Promise<void> {
	const { data, code } = authorizationCodeData(sandbox);
	secrets.add(code);
	const credential = { name: CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE, data };
	credentialId = (await client.request<{ id: string }>('POST', '/rest/credentials', credential)).id;
	const workflow = tokenInfoWorkflow('Token info, every few days', { id: credentialId, name: CREDENTIAL_NAME });
	workflowId = (await client.request<{ id: string }>('POST', '/rest/workflows', workflow)).id;
}

/** One run of the workflow, as the editor's button starts it; the sandbox log then holds its requests. */
async function runTokenInfo(): Promise<string | undefined> {
	sandbox.clearLog();
	const execution = await timed('runs', async () => await client.runWorkflow(workflowId));
	executions.push(JSON.stringify(execution));
	for (const entry of sandbox.log) if (entry.query.access_token) secrets.add(entry.query.access_token);
	return execution.data.resultData.error?.message;
}

async function storedToken(): Promise<string> {
	const { longLivedToken } = await timed('exports', async () => await exportedCredential(opts, credentialId));
	spent.exportCount++;
	secrets.add(longLivedToken);
	return longLivedToken;
}

/** The saved expiry, read as the editor does (it is no secret, so n8n shows it), and when the credential was last written. */
async function savedState(): Promise<{ expiresAt: number; updatedAt: string }> {
	const credential = await client.request<{ data: Record<string, string>; updatedAt: string }>('GET', `/rest/credentials/${credentialId}?includeData=true`);
	return { expiresAt: Date.parse(credential.data.tokenExpiresAt), updatedAt: credential.updatedAt };
}

describe('the Threads credential in one running n8n, months without anyone touching it', { timeout: 15 * 60_000 }, () => {
	const started = Date.now();

	before(async () => {
		const runtime = await ensureN8n({ log });
		const library = ensureFaketime(log);
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		secrets.add(sandbox.app.clientSecret);
		const userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-year-'));
		clockFile = path.join(userFolder, 'faketime-offset');
		writeFaketimeOffset(clockFile, 0);
		opts = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'year-owner@example.com', password: 'Year-owner-password-1' },
			logLevel: 'debug',
			env: faketimeFileEnv(library, clockFile),
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		server = await startN8n(opts);
		client = await server.login();
		log(`n8n ready ${Math.round((Date.now() - started) / 1000)} s after the file started`);
		await createInEditor();
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		if (opts?.userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(opts.userFolder, { recursive: true, force: true });
		log(`the whole file took ${Math.round((Date.now() - started) / 1000)} s`);
	});

	it('every run works, every refresh is saved and used next, the expiry stays ahead; 61 silent days end in one re-authorize error', async (t) => {
		const failures: string[] = [];
		const refreshDays: number[] = [];
		const writeDays: number[] = [];
		let lastWrite = (await savedState()).updatedAt; // when the user saved it
		let token = '';
		for (const [i, day] of RUN_DAYS.entries()) {
			if (i > 0) await jump(GAPS[i - 1]);
			const error = await runTokenInfo();
			if (error) {
				failures.push(`day ${day}: ${error}`);
				continue;
			}
			const used = apiTokensUsed(sandbox);
			const refresh = sandbox.log.filter((entry) => entry.operation === 'refreshToken');
			if (i === 0) {
				token = used[0];
				// The first run exchanged the pasted code: n8n saved a 60-day token and cleared the used code.
				const stored = await timed('exports', async () => await exportedCredential(opts, credentialId));
				assert.equal(stored.authorizationCodeSecret, '', 'the used code is cleared from the store');
				assert.equal(stored.longLivedToken, token, 'the exchanged token is saved and used');
				const lifetime = Date.parse(stored.tokenExpiresAt) - Date.parse(stored.tokenIssuedAt);
				assert.ok(Math.abs(lifetime - 60 * 24 * 3_600_000) < 5 * 60_000, `60 days, got ${lifetime / 86_400_000}`);
			}
			if (refresh.length > 0) {
				refreshDays.push(day);
				assert.deepEqual(refresh.map((entry) => entry.query.access_token), [token], `day ${day}: the saved token was the one refreshed`);
				const savedToken = await storedToken();
				assert.notEqual(savedToken, token, `day ${day}: n8n saved the new token`);
				assert.ok(await tokenWorks(sandbox, savedToken), `day ${day}: the saved token works`);
				token = savedToken;
			}
			// n8n reads the credential from its database at every execution: the token a run sends is the saved one.
			assert.ok(used.length > 0 && used.every((sent) => sent === token), `day ${day}: the run used the saved token`);
			const saved = await savedState();
			if (saved.updatedAt !== lastWrite) writeDays.push(day);
			lastWrite = saved.updatedAt;
			assert.ok(saved.expiresAt > sandbox.clock.now(), `day ${day}: the saved expiry is ahead`);
		}
		t.diagnostic(tallyLine({ days: RUN_DAYS.at(-1)! + 1, runs: RUN_DAYS.length, refreshes: refreshDays.length, authFailures: failures.length }));
		assert.deepEqual(failures, []);
		assert.deepEqual(refreshDays, impliedRefreshDays(RUN_DAYS, REFRESH_AFTER_DAYS));
		assert.deepEqual(writeDays, [0, ...refreshDays], 'n8n wrote the credential for the code exchange and the refreshes only');

		const before = await savedState();
		await jump(61);
		const afterSilence = await runTokenInfo();
		assert.match(afterSilence ?? '', /expired/);
		assert.match(afterSilence ?? '', /Authorize the Threads credential again/);
		let refreshRequests = tokenRequests(sandbox, 'refreshToken');
		assert.equal(await runTokenInfo(), afterSilence, 'a second run meets the same error, not another kind');
		refreshRequests += tokenRequests(sandbox, 'refreshToken');
		assert.equal(refreshRequests, 0, 'an expired token is not sent to refresh');
		assert.deepEqual(await savedState(), before, 'the failed runs left the saved credential as it was');
		t.diagnostic('after 61 silent days: 1 re-authorize error, 0 refresh requests');
		const perRun = (ms: number, count: number) => `${(ms / count / 1000).toFixed(1)} s`;
		t.diagnostic(
			`real time: ${RUN_DAYS.length + 2} runs ${perRun(spent.runs, RUN_DAYS.length + 2)} each, ${RUN_DAYS.length} clock jumps ${perRun(spent.jumps, RUN_DAYS.length)} each (clock followed, logged in again), ${spent.exportCount} exports ${perRun(spent.exports, spent.exportCount)} each`,
		);
	});

	it('no token, code or secret appears in anything n8n logged or answered', () => {
		const hits = findSecrets(`${readFileSync(server.logFile, 'utf8')}\n${executions.join('\n')}`, secrets);
		assert.deepEqual(hits, []);
		assert.ok(secrets.size >= 8, `the scan knew the code, the secret and every token (${secrets.size})`);
	});
});
