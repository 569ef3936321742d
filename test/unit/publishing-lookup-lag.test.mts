import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { afterEach, test } from 'node:test';

import type { IExecuteFunctions } from 'n8n-workflow';

// Loaded through require, like the helper loads its clock, so both share one module instance.
const require = createRequire(import.meta.url);
const { clock } = require('../../nodes/Threads/shared/clock.ts') as typeof import('../../nodes/Threads/shared/clock.ts');
const { findPublishedPostBeforeResend } = require('../../nodes/Threads/publishing/publishedLookup.ts') as typeof import('../../nodes/Threads/publishing/publishedLookup.ts');

const realSleep = clock.sleep;
afterEach(() => {
	clock.sleep = realSleep;
});

/** A node context whose API answers are scripted, one per request, and whose waits are recorded. */
function scripted(pages: Array<Array<Record<string, unknown>> | { data: Array<Record<string, unknown>>; paging?: unknown }>) {
	const requests: string[] = [];
	const waits: number[] = [];
	clock.sleep = async (ms: number) => {
		waits.push(ms);
	};
	const context = {
		getCredentials: async () => ({ apiBaseUrl: 'http://127.0.0.1:9', allowCustomHost: true }),
		getNode: () => ({ id: 'n', name: 'Threads', type: 'threads', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string; qs?: Record<string, string> }) => {
				requests.push(`${options.url}?${new URLSearchParams(options.qs).toString()}`);
				const page = pages.shift() ?? [];
				return { statusCode: 200, body: Array.isArray(page) ? { data: page } : page };
			},
		},
	} as unknown as IExecuteFunctions;
	return { context, requests, waits };
}

const hints = { text: 'Hello from n8n', mediaType: 'TEXT' as const };
const justPublished = { id: '1789', text: 'Hello from n8n', media_type: 'TEXT_POST', timestamp: new Date().toISOString(), permalink: 'https://www.threads.net/@u/post/x' };

test('a post missing from a lagging list is found on the second look, so it is not sent again', async () => {
	const { context, requests, waits } = scripted([[], [justPublished]]);
	const result = await findPublishedPostBeforeResend.call(context, hints, Date.now() - 1000, 0);
	assert.deepEqual(result, { outcome: 'found', post: { id: '1789', permalink: justPublished.permalink } });
	assert.equal(requests.length, 2);
	assert.ok(waits.some((ms) => ms >= 5000), 'the second look waits a few seconds');
});

test('an absence counts only when both looks agree', async () => {
	const { context, requests } = scripted([[], []]);
	const result = await findPublishedPostBeforeResend.call(context, hints, Date.now() - 1000, 0);
	assert.deepEqual(result, { outcome: 'absent' });
	assert.equal(requests.length, 2);
});

/** A full page of 100 other posts published since the attempt, with a cursor to the next page. */
function othersPage(page: number) {
	const data = Array.from({ length: 100 }, (_, index) => ({ ...justPublished, id: `${page}${index}`, text: `another post ${page}-${index}` }));
	return { data, paging: { cursors: { after: `cursor-${page}` }, next: `https://graph.threads.net/v1.0/me/threads?after=cursor-${page}` } };
}

test('a post pushed off the first page by others published since is still found, so it is not sent again', async () => {
	const { context, requests } = scripted([othersPage(1), othersPage(2), [justPublished]]);
	const result = await findPublishedPostBeforeResend.call(context, hints, Date.now() - 1000, 0);
	assert.deepEqual(result, { outcome: 'found', post: { id: '1789', permalink: justPublished.permalink } });
	assert.equal(requests.length, 3);
	assert.match(requests[1], /after=cursor-1/);
});

test('when every page read is full of other posts, the post is not called absent (nothing is resent)', async () => {
	const { context } = scripted([othersPage(1), othersPage(2), othersPage(3), othersPage(4)]);
	const result = await findPublishedPostBeforeResend.call(context, hints, Date.now() - 1000, 0);
	assert.deepEqual(result, { outcome: 'unknown' });
});
