// Fault campaign on threads: every sandbox fault kind aimed at the create or the publish of part k, then about
// 10 % faults of every kind on every request. No part may go out twice or out of order, and continuing every
// stopped thread with Continue Chain After Post ID must complete it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FAULT_KINDS, type FaultKind } from '../../sandbox/index.mts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';
import { type FaultProxy, checkChain, startFaultProxy } from '../helpers/thread-faults.mts';

const PARTS = 5;
const POSITIONS = [1, 3, 5];
const ROUNDS = 4;
const CHAINS_PER_ROUND = 12;
const FAULT_RATE = 0.1;
const RESUME_ATTEMPTS = 6;
const DAY = 24 * 60 * 60 * 1000;
const IMG = 'https://cdn.example.com/campaign-thread.jpg';
const OPERATIONS = ['createContainer', 'containerStatus', 'publish', 'getMedia', 'getUserReplies', 'getMediaReplies', 'publishingLimit'];

let rig: PublishingRig;
let proxy: FaultProxy;
before(async () => {
	proxy = await startFaultProxy();
	rig = await startPublishingRig(
		{ credentialData: { apiBaseUrl: proxy.url, allowCustomHost: true }, processingMs: { IMAGE: 1500 }, mediaNotFoundAfterFinishedMs: 300 },
		(started) => {
			proxy.sandbox = started.sandbox;
		},
	);
});
after(async () => {
	await rig.close();
	await proxy.close();
});

/** One thread of the campaign: text only, or with an image third part and auto-published text replies. */
interface Chain extends IDataObject {
	name: string;
	kinds: string[];
	urls: string[];
	auto: boolean;
}

const texts = (chain: Chain) => Array.from({ length: PARTS }, (_, i) => `${chain.name}\n${i + 1}/${PARTS}`);

function chainOf(name: string, mixed: boolean): Chain {
	const kinds = Array.from({ length: PARTS }, (_, i) => (mixed && i === 2 ? 'IMAGE' : 'TEXT'));
	return { name, kinds, urls: kinds.map((kind) => (kind === 'IMAGE' ? `${IMG}?${encodeURIComponent(name)}` : '')), auto: mixed };
}

const step = (options: IDataObject = {}) => ({
	name: 'Thread',
	continueOnFail: true,
	parameters: {
		resource: 'post',
		operation: 'publishThread',
		threadSource: 'list',
		numbering: 'slash',
		parts: {
			part: Array.from({ length: PARTS }, (_, i) => ({
				text: '={{ $json.name }}',
				mediaType: `={{ $json.kinds[${i}] }}`,
				mediaUrl: `={{ $json.urls[${i}] }}`,
			})),
		},
		replyOptions: { autoPublishText: '={{ $json.auto === true }}' },
		options: { includePermalink: false, continueAfterPostId: '={{ $json.continueAfter ?? "" }}', ...options },
	},
});

function byPair(items: INodeExecutionData[], count: number): IDataObject[] {
	const out: IDataObject[] = Array.from({ length: count }, () => ({ error: 'no output item' }));
	for (const item of items) out[(item.pairedItem as { item: number }).item] = item.json;
	return out;
}

interface Tally {
	chains: number;
	parts: number;
	stopped: number;
	resumed: number;
	rootFoundByHand: number;
	errors: Map<string, number>;
}

/** Runs the chains, then continues every stopped one until it is complete (or the attempts run out). */
async function publishAndFinish(chains: Chain[], tally: Tally, afterFirstRun?: () => void): Promise<void> {
	let pending = chains.map((chain) => ({ chain, continueAfter: undefined as string | undefined }));
	for (let attempt = 0; attempt <= RESUME_ATTEMPTS && pending.length > 0; attempt++) {
		const run = await rig.run([step()], pending.map(({ chain, continueAfter }) => ({ ...chain, continueAfter })));
		assert.equal(run.error, undefined, run.error?.message);
		const outputs = byPair(run.items('Thread'), pending.length);
		const next: typeof pending = [];
		pending.forEach((entry, index) => {
			const json = outputs[index];
			if (typeof json.error !== 'string') return;
			const message = json.error.replace(/\d{6,}/g, '<id>').replace(/part \d+ of/, 'part k of');
			tally.errors.set(message, (tally.errors.get(message) ?? 0) + 1);
			if (attempt === 0) tally.stopped++;
			let continueAfter = (json.continueAfterPostId as string | undefined) ?? entry.continueAfter;
			if (!continueAfter) {
				// The root's outcome was unknown: as its error says, look for it before running again.
				const root = checkChain(rig.sandbox, texts(entry.chain)).posts[0];
				if (root) tally.rootFoundByHand++;
				continueAfter = root?.id;
			}
			next.push({ chain: entry.chain, continueAfter });
		});
		if (attempt > 0) tally.resumed += pending.length - next.length;
		if (attempt === 0) afterFirstRun?.();
		pending = next;
	}
	assert.equal(pending.length, 0, `threads never completed: ${pending.map((p) => p.chain.name).join(', ')}`);
	tally.chains += chains.length;
	tally.parts += chains.length * PARTS;
}

function figures(chains: Chain[]) {
	let duplicates = 0;
	let outOfOrder = 0;
	let missing = 0;
	for (const chain of chains) {
		const check = checkChain(rig.sandbox, texts(chain));
		duplicates += check.duplicates;
		outOfOrder += check.outOfOrder;
		missing += check.missing;
	}
	return { duplicates, outOfOrder, missing };
}

function report(title: string, tally: Tally, chains: Chain[]) {
	const { duplicates, outOfOrder, missing } = figures(chains);
	const faulted = rig.sandbox.log.filter((entry) => entry.fault).length;
	console.log(
		[
			'',
			title,
			`  chains ${tally.chains}, parts ${tally.parts}, duplicates ${duplicates}, out of order ${outOfOrder}, resumed ${tally.resumed}`,
			`  stopped on the first run ${tally.stopped}; roots whose outcome was unknown, found and continued after ${tally.rootFoundByHand}; parts missing at the end ${missing}`,
			`  requests ${rig.sandbox.log.length}, faulted ${faulted}`,
			'  errors that stopped a run:',
			...[...tally.errors].map(([message, count]) => `      ${count} x ${message}`),
			'',
		].join('\n'),
	);
	assert.equal(duplicates, 0, 'duplicates');
	assert.equal(outOfOrder, 0, 'parts out of order');
	assert.equal(missing, 0, 'parts missing');
	for (const message of tally.errors.keys()) assert.ok(message.length > 30, `clear error: ${message}`);
}

const newTally = (): Tally => ({ chains: 0, parts: 0, stopped: 0, resumed: 0, rootFoundByHand: 0, errors: new Map() });

interface Aim {
	kind: FaultKind;
	on: 'create' | 'publish';
	/** Once: the first attempt only (the engine should get over it). Persistent: every attempt of that request in the first run. */
	persistent: boolean;
}

/** Arms the aimed fault for each request of part k: its create (by text), or the publish that follows it. */
function aimAt(aims: Map<string, Aim>): { stop(): void } {
	let aiming = true;
	let armed: { aim: Aim; text: string } | undefined;
	const fault = (kind: FaultKind, operation: string) => ({ kind, operation, ...(kind === 'slow' ? { delayMs: 3 } : {}) });
	proxy.pick = ({ path, params }) => {
		if (!aiming) return undefined;
		if (path.endsWith('/threads')) {
			const text = String(params.text);
			if (armed && armed.text !== text) armed = undefined;
			const aim = aims.get(text);
			if (!aim) return undefined;
			if (!aim.persistent) aims.delete(text);
			if (aim.on === 'publish') armed = { aim, text };
			return aim.on === 'create' ? fault(aim.kind, 'createContainer') : undefined;
		}
		if (path.endsWith('/threads_publish') && armed) {
			const { aim } = armed;
			if (!aim.persistent) armed = undefined;
			return fault(aim.kind, 'publish');
		}
		return undefined;
	};
	return {
		stop: () => {
			aiming = false;
		},
	};
}

test(`every fault kind on the create or the publish of part ${POSITIONS.join(', ')} of ${PARTS}, once or on every attempt`, { timeout: 600_000 }, async () => {
	rig.sandbox.clock.advance(DAY + 60_000);
	rig.sandbox.clearLog();
	const aims = new Map<string, Aim>();
	const chains: Chain[] = [];
	for (const kind of FAULT_KINDS) {
		for (const persistent of [false, true]) {
			for (const mixed of [false, true]) {
				for (const position of POSITIONS) {
					// Auto-published text replies have no publish request: their create is their publish.
					const autoPart = mixed && position > 1 && position !== 3;
					for (const on of autoPart ? (['create'] as const) : (['create', 'publish'] as const)) {
						const chain = chainOf(`aimed ${kind} ${persistent ? 'always' : 'once'} ${on} p${position}${mixed ? ' mixed' : ''}`, mixed);
						chains.push(chain);
						aims.set(`${chain.name}\n${position}/${PARTS}`, { kind, on, persistent });
					}
				}
			}
		}
	}
	const aiming = aimAt(aims);
	const tally = newTally();
	await publishAndFinish(chains, tally, () => aiming.stop());
	proxy.pick = () => undefined;
	assert.equal([...aims.values()].filter((aim) => !aim.persistent).length, 0, 'every single fault was armed');
	const fired = new Set(rig.sandbox.log.flatMap((entry) => entry.fault?.split(',') ?? []));
	for (const kind of FAULT_KINDS) assert.ok(fired.has(kind), `fault ${kind} fired`);
	assert.ok(tally.stopped > 0 && tally.resumed === tally.stopped, 'threads stopped by a failing part were all continued');
	report(`Aimed faults (${FAULT_KINDS.length} kinds x once/every attempt x create/publish x parts ${POSITIONS.join(', ')})`, tally, chains);
});

test(`${ROUNDS * CHAINS_PER_ROUND} threads under ${FAULT_RATE * 100} % faults of every kind`, { timeout: 300_000 }, async () => {
	const tally = newTally();
	const chains: Chain[] = [];
	rig.sandbox.clearLog();
	for (let round = 0; round < ROUNDS; round++) {
		rig.sandbox.clock.advance(DAY + 60_000);
		rig.sandbox.faults.clear();
		const perRule = 1 - (1 - FAULT_RATE) ** (1 / FAULT_KINDS.length);
		FAULT_KINDS.forEach((kind, k) =>
			OPERATIONS.forEach((operation, o) =>
				rig.sandbox.faults.inject({
					kind,
					operation,
					probability: perRule,
					times: Infinity,
					seed: 7 + round * 1000 + k * 50 + o,
					...(kind === 'slow' ? { delayMs: 3 } : {}),
				}),
			),
		);
		const batch = Array.from({ length: CHAINS_PER_ROUND }, (_, i) => chainOf(`random r${round} c${i}`, i % 2 === 1));
		chains.push(...batch);
		await publishAndFinish(batch, tally);
	}
	rig.sandbox.faults.clear();
	report(`Random faults (${ROUNDS} rounds of ${CHAINS_PER_ROUND} threads of ${PARTS} parts, ${FAULT_RATE * 100} % of requests)`, tally, chains);
});
