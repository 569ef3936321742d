/**
 * What a thread costs: Post > Publish Thread of a 10-part text thread through n8n's engine, against
 * the sandbox with 50 ms of latency per request (time simulated as in publishing.bench.mts), beside
 * the physical floor. Each part must be confirmed before the next can reply to it, so the parts go
 * one after another: the floor is 10 x (create + publish) = 20 round trips, or 10 when text parts
 * are auto-published (Auto-Publish Text in the root's options and in Reply Options: one request
 * creates and publishes a part; the engine uses it only when asked). Printed and written to
 * bench/results/thread-chain.json, never asserted.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { IDataObject } from 'n8n-workflow';

import { type Rig, startRig } from '../test/helpers/fixtures.mts';
import { runWorkflow, threadsWorkflow } from '../test/helpers/n8n-engine.mts';
import { nodeClock } from '../test/helpers/publishing-rig.mts';
import { SimulatedTime, startTimedProxy } from './helpers/simulated-time.mts';

const LATENCY_MS = 50;
const PARTS = 10;

interface Row extends IDataObject {
	case: string;
	/** Simulated ms from the node's first request to its last answer. */
	ms: number;
	requests: number;
	floorRequests: number;
	floorMs: number;
	realMs: number;
}

const parts = (name: string) =>
	Array.from({ length: PARTS }, (_, i) => ({ text: `${name}: part ${i + 1} of the bench thread`, mediaType: 'TEXT' }));

async function measure(
	rig: Rig,
	time: SimulatedTime,
	name: string,
	options: IDataObject,
	replyOptions: IDataObject,
	floorRequests: number,
): Promise<Row> {
	rig.sandbox.clearLog();
	const start = time.now();
	const started = performance.now();
	const result = await runWorkflow(
		threadsWorkflow(
			{ resource: 'post', operation: 'publishThread', threadSource: 'list', parts: { part: parts(name) }, options, replyOptions },
			rig.ref,
		),
		{ credentials: rig.store },
	);
	if (result.error) throw new Error(`${name}: ${result.error.message}`);
	const ids = result.output('Threads')[0].ids as string[];
	if (ids.length !== PARTS) throw new Error(`${name}: ${ids.length} parts published`);
	return {
		case: name,
		ms: time.now() - start,
		requests: rig.sandbox.log.length,
		floorRequests,
		floorMs: floorRequests * LATENCY_MS,
		realMs: Math.round(performance.now() - started),
	};
}

function print(rows: Row[]): void {
	const header = ['case', 'time', 'floor', 'requests', 'floor requests', 'real time'];
	const cells = rows.map((row) => [
		row.case,
		`${(row.ms / 1000).toFixed(2)} s`,
		`${(row.floorMs / 1000).toFixed(2)} s`,
		String(row.requests),
		String(row.floorRequests),
		`${row.realMs} ms`,
	]);
	const widths = header.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
	const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i])).join(' | ');
	console.log(line(header));
	console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
	for (const values of cells) console.log(line(values));
}

export default async function threadChainBench(): Promise<Row[]> {
	const timeRef: { current?: SimulatedTime } = {};
	const proxy = await startTimedProxy(timeRef);
	const rig = await startRig({ latencyMs: LATENCY_MS, credentialData: { apiBaseUrl: proxy.url, allowCustomHost: true } });
	proxy.target = rig.sandbox.url;
	const time = new SimulatedTime(rig.sandbox);
	timeRef.current = time;
	const clock = nodeClock();
	const realClock = { now: clock.now, sleep: clock.sleep };
	clock.now = time.now;
	clock.sleep = time.sleep;
	const quiet = { checkQuota: false, includePermalink: false };
	const auto = { autoPublishText: true };
	try {
		// The first run settles the credential's token; it is not measured.
		await runWorkflow(threadsWorkflow({ resource: 'post', operation: 'publish', mediaType: 'TEXT', text: 'warm-up' }, rig.ref), { credentials: rig.store });
		const rows = [
			await measure(rig, time, 'defaults (quota read first, root permalink last)', {}, {}, 2 * PARTS),
			await measure(rig, time, 'no quota read, no permalink', quiet, {}, 2 * PARTS),
			await measure(rig, time, 'auto-published text parts, no quota read, no permalink', { ...quiet, ...auto }, auto, PARTS),
		];
		console.log(
			`Publish Thread, ${PARTS} text parts: sandbox with ${LATENCY_MS} ms latency per request, simulated clock. The floor is the round trips a thread cannot do without (each part waits for the one before), at ${LATENCY_MS} ms each; the defaults add two requests to it, the quota read and the root's permalink.\n`,
		);
		print(rows);
		const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
		mkdirSync(resultsDir, { recursive: true });
		writeFileSync(path.join(resultsDir, 'thread-chain.json'), `${JSON.stringify(rows, null, '\t')}\n`);
		return rows;
	} finally {
		clock.now = realClock.now;
		clock.sleep = realClock.sleep;
		await rig.close();
		await proxy.close();
	}
}
