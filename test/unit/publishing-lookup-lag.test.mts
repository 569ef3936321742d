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
function scripted(pages: Array<Array<Record<string, unknown>>>) {
	const requests: string[] = [];
	const waits: number[] = [];
	clock.sleep = async (ms: number) => {
		waits.push(ms);
	};
	const context = {
		getCredentials: async () => ({ apiBaseUrl: 'http://127.0.0.1:9' }),
		getNode: () => ({ id: 'n', name: 'Threads', type: 'threads', typeVersion: 1, position: [0, 0], parameters: {} }),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: { url: string }) => {
				requests.push(options.url);
				return { statusCode: 200, body: { data: pages.shift() ?? [] } };
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
