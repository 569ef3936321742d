/**
 * When the credential sends a refresh, against a Meta that keeps its own time. Meta counts a token's
 * 24 hours and 60 days from when it answered; the credential stores the time it asked, and runs on a
 * daily schedule start a few ms earlier or later each day.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { runTokenLifecycle } from '../../nodes/Threads/auth/tokenLifecycle.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const META = 'https://graph.threads.net';

/** Meta's refresh endpoint on its own clock (`meta.now`, set before each call). */
function fakeMeta(issuedAt: number) {
	const meta = {
		now: 0,
		issuedAt,
		refreshes: 0,
		async http(options: IHttpRequestOptions) {
			assert.match(String(options.url), /\/refresh_access_token$/);
			if (meta.now >= meta.issuedAt + 60 * DAY) {
				const error = { message: 'Error validating access token: Session has expired', type: 'OAuthException', code: 190, error_subcode: 463 };
				return { statusCode: 401, body: { error } };
			}
			if (meta.now - meta.issuedAt < DAY) {
				const message = 'The access token can only be refreshed when it is at least 24 hours old';
				return { statusCode: 400, body: { error: { message, type: 'OAuthException', code: 100 } } };
			}
			meta.issuedAt = meta.now;
			meta.refreshes++;
			return { statusCode: 200, body: { access_token: `token-${meta.refreshes}`, expires_in: 60 * 86400 } };
		},
	};
	return meta;
}

function storedCredential(issuedAt: number, refreshAfterDays: number): ICredentialDataDecryptedObject {
	return {
		authFlow: 'authorizationCode',
		appId: '1',
		appSecret: 'secret',
		refreshAfterDays,
		apiBaseUrl: META,
		longLivedToken: 'token-0',
		tokenIssuedAt: new Date(issuedAt).toISOString(),
		tokenExpiresAt: new Date(issuedAt + 60 * DAY).toISOString(),
		tokenHost: META,
	};
}

/** One run of the credential's preAuthentication at `now`, Meta answering `latencyMs` later. */
async function runAt(meta: ReturnType<typeof fakeMeta>, refreshedAt: number, refreshAfterDays: number, now: number, latencyMs = 50) {
	meta.now = now + latencyMs;
	return await runTokenLifecycle(meta.http as never, storedCredential(refreshedAt, refreshAfterDays), now);
}

const refreshedAt = Date.UTC(2026, 2, 1, 9);

describe('the credential refreshes only once Meta counts the token 24 hours old too', () => {
	test('a run 24 h after a refresh Meta answered 800 ms late sends nothing; an hour later it refreshes', async () => {
		const meta = fakeMeta(refreshedAt + 800);
		const onTheDot = await runAt(meta, refreshedAt, 1, refreshedAt + DAY);
		assert.equal(onTheDot.longLivedToken, undefined, 'the token is kept, not replaced');
		assert.equal(meta.refreshes, 0);

		const later = await runAt(meta, refreshedAt, 1, refreshedAt + DAY + HOUR);
		assert.equal(later.longLivedToken, 'token-1');
	});
});

describe('a daily schedule refreshes on the day the threshold is reached, not by chance a day later', () => {
	test('Refresh After 7: the run 7 days later refreshes though it started 3 ms earlier in the day', async () => {
		const meta = fakeMeta(refreshedAt + 50);
		const run = await runAt(meta, refreshedAt, 7, refreshedAt + 7 * DAY - 3);
		assert.equal(run.longLivedToken, 'token-1');
	});

	test('Refresh After 59: the day-59 run refreshes, rather than the day-60 run meeting an expired token', async () => {
		const meta = fakeMeta(refreshedAt + 50);
		const day59 = await runAt(meta, refreshedAt, 59, refreshedAt + 59 * DAY - 3);
		assert.equal(day59.longLivedToken, 'token-1');
	});
});
