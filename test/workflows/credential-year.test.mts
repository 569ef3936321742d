/**
 * A year of the Threads credential through n8n's engine with nobody touching it: an authorization
 * code pasted once, then one run a day at the same time of day (as a Schedule Trigger runs it) from
 * 1 November 2027, across 29 February 2028. Every refresh comes from n8n's preAuthentication at the
 * first run after the token is "Refresh After (Days)" old, the refreshed token is stored and used from
 * then on, and the stored expiry is never reached. Then 61 silent days, and the run after them fails
 * with the one error that says to authorize again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { CredentialStore, runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { REDIRECT_URI, sandboxAppFields } from '../helpers/sandbox-app.mts';
import { DAY, resetTime, travel } from '../helpers/time-travel.mts';
import { impliedRefreshDays, tallyLine } from '../helpers/token-year.mts';
import { apiTokensUsed, tokenRequests, tokenWorks } from '../helpers/tokens.mts';

const DAYS = 365;
const FIRST_DAY = Date.UTC(2027, 10, 1, 9);
const REAUTHORIZE = /Authorize the Threads credential again/;

let sandbox: Sandbox;
let store: CredentialStore;
const ref = { id: 'cred-year', name: 'Threads' };

async function runTokenInfo() {
	return await runWorkflow(threadsWorkflow({ resource: 'user', operation: 'getTokenInfo' }, ref), { credentials: store });
}

/** What the user typed when creating the credential: set once, never written again by anyone. */
function enteredByUser(refreshAfterDays: number | undefined): Record<string, unknown> {
	return {
		...sandboxAppFields(sandbox),
		...(refreshAfterDays === undefined ? {} : { refreshAfterDays }),
	};
}

function pick(data: Record<string, unknown>, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(keys.map((key) => [key, data[key]]));
}

/** One run a day for DAYS days from the pasted code; returns the days that refreshed and the failures. */
async function liveAYear(refreshAfterDays: number | undefined) {
	const entered = enteredByUser(refreshAfterDays);
	travel(FIRST_DAY - Date.now(), sandbox);
	const code = sandbox.createAuthorizationCode({ redirectUri: REDIRECT_URI });
	store.add({ ...ref, data: { ...entered, authorizationCodeSecret: code } });
	const refreshDays: number[] = [];
	const failures: string[] = [];
	for (let day = 0; day < DAYS; day++) {
		// The sandbox's clock stands still during a run while n8n's goes on: Meta's clock runs a few
		// seconds behind n8n's by the end of the year, which the credential has to cope with.
		if (day > 0) travel(FIRST_DAY + day * DAY - Date.now(), sandbox);
		sandbox.clearLog();
		const before = String(store.raw(ref.id).longLivedToken ?? '');
		const run = await runTokenInfo();
		if (run.error) {
			failures.push(`day ${day}: ${run.error.message}`);
			continue;
		}
		const stored = store.raw(ref.id);
		const token = String(stored.longLivedToken);
		// Only n8n's preAuthentication writes the credential: what is stored is its last write.
		assert.deepEqual(stored, store.writes.at(-1)?.data, `day ${day}: stored data is n8n's last write`);
		assert.deepEqual(pick(stored, Object.keys(entered)), entered, `day ${day}: nothing the user entered changed`);
		const refreshes = sandbox.log.filter((entry) => entry.operation === 'refreshToken');
		if (refreshes.length > 0) {
			refreshDays.push(day);
			assert.equal(refreshes.length, 1, `day ${day}: one refresh request`);
			assert.equal(refreshes[0].query.access_token, before, `day ${day}: the stored token was the one refreshed`);
			assert.notEqual(token, before, `day ${day}: the refreshed token is stored`);
		} else if (day > 0) {
			assert.equal(token, before, `day ${day}: without a refresh the token stays`);
		}
		const used = apiTokensUsed(sandbox);
		assert.ok(used.length > 0 && used.every((t) => t === token), `day ${day}: the run used the stored token`);
		assert.ok(await tokenWorks(sandbox, token), `day ${day}: the stored token works at the sandbox`);
		const expiresAt = Date.parse(String(stored.tokenExpiresAt));
		assert.ok(expiresAt > Date.now() && expiresAt > sandbox.clock.now(), `day ${day}: the stored expiry is in the future`);
	}
	assert.equal(store.writes.length, 1 + refreshDays.length, 'n8n wrote the credential only for the code exchange and the refreshes');
	return { refreshDays, failures };
}

/** 61 days without a run, then two runs: the first one after the silence is what the user meets. */
async function afterSilence() {
	travel(61 * DAY, sandbox);
	const writes = store.writes.length;
	sandbox.clearLog();
	const first = await runTokenInfo();
	const second = await runTokenInfo();
	return { first, second, refreshRequests: tokenRequests(sandbox, 'refreshToken'), writes: store.writes.length - writes };
}

// undefined: the field left at its documented default, 7 days.
for (const [setting, refreshAfterDays] of [[undefined, 7], [1, 1], [59, 59]] as const) {
	describe(`a year of daily runs, Refresh After (Days) ${setting ?? 'left at its default'}`, () => {
		test('365 runs: no failure, no user action, every refresh stored and used, expiry always ahead; then 61 silent days end in one re-authorize error', async (t) => {
			sandbox = await startSandbox({ clock: 'manual', startTime: Date.now() });
			store = new CredentialStore();
			t.after(async () => {
				resetTime();
				await sandbox.close();
			});
			const { refreshDays, failures } = await liveAYear(setting);
			const runDays = Array.from({ length: DAYS }, (_, day) => day);
			const expected = impliedRefreshDays(runDays, refreshAfterDays);
			// A token exactly a day old is not refreshed yet: with a 1-day setting, every other day.
			assert.equal(expected.length, Math.floor((DAYS - 1) / Math.max(refreshAfterDays, 2)));
			t.diagnostic(tallyLine({ days: DAYS, runs: DAYS, refreshes: refreshDays.length, authFailures: failures.length }));
			assert.deepEqual(failures, []);
			assert.deepEqual(refreshDays, expected, `a refresh every ${refreshAfterDays} days`);

			const silence = await afterSilence();
			const message = silence.first.error?.message ?? '';
			assert.match(message, /expired/);
			assert.match(message, REAUTHORIZE);
			assert.equal(silence.refreshRequests, 0, 'an expired token is not sent to refresh');
			assert.equal(silence.second.error?.message, message, 'a second run meets the same error, not another kind');
			assert.equal(silence.writes, 0, 'the failed runs leave the stored credential as it was');
			t.diagnostic('after 61 silent days: 1 kind of error, "authorize again", 0 refresh requests');
		});
	});
}
