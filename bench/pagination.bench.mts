/**
 * What reading lists costs: Post > Get Many through n8n's engine against the sandbox holding 1,000 posts.
 * Return All must cost floor(N/100) + 1 requests: pages of the largest size Meta serves, and, when the
 * last page is full and carries no paging.next, one empty read that confirms the end (Meta sends
 * paging.next only sometimes, so a full page is never taken for the last). Limit must stop requesting
 * as soon as it has enough. Prints a table and writes bench/results/pagination.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { IDataObject } from 'n8n-workflow';

import { type ReadingRig, startReadingRig } from '../test/helpers/reading-rig.mts';

const POSTS = 1000;
const PAGE = 100;
const LATENCY_MS = 5;

interface Row extends IDataObject {
	case: string;
	results: number;
	requests: number;
	expectedRequests: number;
	pageSizes: string;
	ms: number;
	met: boolean;
}

/** Publishes `count` text posts straight through the API (auto-publish), keeping under 250 per 24 hours. */
async function seed(rig: ReadingRig, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		await rig.api('POST', '/me/threads', { media_type: 'TEXT', text: `bench post ${i}`, auto_publish_text: true });
		rig.sandbox.clock.advance(6 * 60 * 1000);
	}
}

async function measure(rig: ReadingRig, name: string, parameters: IDataObject, expected: { results: number; requests: number }): Promise<Row> {
	const started = performance.now();
	const run = await rig.run({ resource: 'post', operation: 'getAll', ...parameters });
	const ms = Math.round(performance.now() - started);
	if (run.error) throw new Error(`${name}: ${run.error.message}`);
	const pages = run.requests.filter((entry) => entry.operation === 'getThreads');
	return {
		case: name,
		results: run.output.length,
		requests: run.requests.length,
		expectedRequests: expected.requests,
		pageSizes: pages.map((entry) => entry.query.limit).join('+'),
		ms,
		met: run.output.length === expected.results && run.requests.length === expected.requests,
	};
}

export default async function run(): Promise<void> {
	const rig = await startReadingRig();
	try {
		const seeding = performance.now();
		await seed(rig, POSTS);
		process.stdout.write(`seeded ${POSTS} posts in ${Math.round(performance.now() - seeding)} ms\n`);
		rig.sandbox.setLatency(LATENCY_MS);
		// Load the node and settle the credential once, outside the timings.
		await rig.run({ resource: 'user', operation: 'getMe' });

		const rows: Row[] = [];
		rows.push(await measure(rig, `Return All, ${POSTS} posts`, { returnAll: true }, { results: POSTS, requests: Math.floor(POSTS / PAGE) + 1 }));
		rows.push(await measure(rig, 'Return All, 250 newest (Since)', { returnAll: true, options: { since: sinceForNewest(rig, 250) } }, { results: 250, requests: 3 }));
		rows.push(await measure(rig, 'Limit 1000', { limit: 1000 }, { results: 1000, requests: 10 }));
		rows.push(await measure(rig, 'Limit 150', { limit: 150 }, { results: 150, requests: 2 }));
		rows.push(await measure(rig, 'Limit 100', { limit: 100 }, { results: 100, requests: 1 }));
		rows.push(await measure(rig, 'Limit 25', { limit: 25 }, { results: 25, requests: 1 }));
		rows.push(await measure(rig, 'Limit 1', { limit: 1 }, { results: 1, requests: 1 }));

		process.stdout.write(`\nPost > Get Many on ${POSTS} posts, ${LATENCY_MS} ms sandbox latency per request\n`);
		console.table(rows.map((row) => ({ ...row, met: row.met ? 'yes' : 'NO' })));
		const returnAll = rows[0];
		process.stdout.write(
			`Return All of ${POSTS} posts: ${returnAll.requests} requests (${Math.ceil(POSTS / PAGE)} pages of ${PAGE} and one empty read confirming the end), ${returnAll.ms} ms\n`,
		);

		const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
		mkdirSync(resultsDir, { recursive: true });
		writeFileSync(path.join(resultsDir, 'pagination.json'), `${JSON.stringify({ posts: POSTS, latencyMs: LATENCY_MS, rows }, null, '\t')}\n`);
		const missed = rows.filter((row) => !row.met);
		if (missed.length > 0) throw new Error(`targets missed: ${missed.map((row) => row.case).join(', ')}`);
	} finally {
		await rig.close();
	}
}

/** A Since that keeps exactly the newest `count` posts (they are 6 minutes apart, the newest 6 minutes ago). */
function sinceForNewest(rig: ReadingRig, count: number): string {
	const newest = rig.sandbox.clock.now() - 6 * 60 * 1000;
	return new Date(newest - (count - 1) * 6 * 60 * 1000 - 1000).toISOString();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
