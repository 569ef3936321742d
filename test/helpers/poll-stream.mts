/**
 * A scripted stream of Threads events played against the Threads Poll Trigger in n8n's engine: small
 * and large bursts (250 at one timestamp, 250 over four minutes), events in the same second as the
 * last poll's newest, deletions of seen and unseen events, quiet polls and restarts from the static
 * data n8n saved. It counts what the trigger emitted and the API requests the sandbox logged.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox/index.mts';
import type { Rig } from './fixtures.mts';
import { type PollOutcome, PollHarness, pollWorkflow } from './poll-engine.mts';

/** What sets one event kind apart in the stream. */
export interface StreamKind {
	parameters: IDataObject;
	/** API requests of a quiet poll: one per watched list. */
	quietRequests: number;
	/** Puts in place what the trigger watches, before activation. */
	setup?(rig: Rig): Promise<void>;
	/** Makes `count` events at `timestamp` (epoch ms), `stepMs` apart; returns their ids. */
	inject(rig: Rig, count: number, timestamp: number, stepMs?: number): string[];
	/** Makes events the trigger must not emit (an own reply, a post that does not match); returns their ids. */
	noise?(rig: Rig, timestamp: number): string[];
	/** Deletes an event as its author would. */
	remove(rig: Rig, id: string): Promise<void>;
	/** Something the kind does in the middle of the stream (a new watched post...); returns events it made. */
	midStream?(rig: Rig, timestamp: number): string[];
}

export interface StreamOutcome {
	polls: number;
	expected: number;
	emitted: number;
	duplicates: number;
	missed: number;
	unexpected: number;
	requests: number;
	/** Requests of each quiet poll (no event between it and the poll before). */
	quietRequests: number[];
	/** Whether every poll's items came oldest first. */
	ordered: boolean;
	/** Polls that hit the page cap (the rest followed in later polls). */
	capped: number;
	line: string;
}

const MINUTE = 60_000;
const TOKEN_OPERATIONS = new Set(['exchangeToken', 'refreshToken', 'exchangeCode']);

/** API requests in the sandbox's request log (GET /__sandbox/log), token endpoints left out. */
export async function apiRequests(sandbox: Sandbox): Promise<number> {
	const log = (await (await fetch(`${sandbox.url}/__sandbox/log`)).json()) as Array<{ operation: string }>;
	return log.filter((entry) => !TOKEN_OPERATIONS.has(entry.operation)).length;
}

/** DELETE /{id} with a token of its owner. */
export async function deleteAs(sandbox: Sandbox, userId: string, id: string): Promise<void> {
	const token = sandbox.issueToken({ userId, kind: 'long' });
	const response = await fetch(`${sandbox.url}/v1.0/${id}?access_token=${encodeURIComponent(token)}`, { method: 'DELETE' });
	if (!response.ok) throw new Error(`DELETE ${id} -> ${response.status} ${await response.text()}`);
}

type Step =
	| { inject: number; stepMs?: number; sameSecond?: boolean; minutes?: number }
	| { quiet: true }
	| { deleteNewestSeen: true; inject: number }
	| { injectThenDeleteOne: number }
	| { restart: true; inject?: number }
	| { noise: true }
	| { midStream: true };

/** The script: 24 polls after the activation, in this order. */
const SCRIPT: Step[] = [
	{ quiet: true },
	{ inject: 1 },
	{ inject: 3 },
	{ quiet: true },
	{ inject: 250 },
	{ inject: 2, sameSecond: true },
	{ deleteNewestSeen: true, inject: 1 },
	{ restart: true, inject: 5 },
	{ injectThenDeleteOne: 3 },
	{ noise: true },
	{ inject: 250, stepMs: 1000, minutes: 5 },
	{ quiet: true },
	{ restart: true },
	{ inject: 1, sameSecond: true },
	{ midStream: true },
	{ inject: 4 },
	{ deleteNewestSeen: true, inject: 0 },
	{ inject: 250 },
	{ restart: true, inject: 2 },
	{ inject: 7, stepMs: 400 },
	{ quiet: true },
	{ inject: 1 },
	{ restart: true },
	{ quiet: true },
];

export async function playStream(rig: Rig, kind: StreamKind, label: string): Promise<StreamOutcome> {
	const { sandbox } = rig;
	await kind.setup?.(rig);
	const harness = new PollHarness(pollWorkflow(kind.parameters, rig.ref), rig.store);
	const activation = await harness.activate();
	if (activation.emitted !== null) throw new Error('the first activation emitted old events');
	const counts = new Map<string, number>();
	const expected = new Set<string>();
	const unwanted = new Set<string>();
	const quietRequests: number[] = [];
	let ordered = true;
	let lastTimestamp = sandbox.clock.now();
	let newestSeen: string | undefined;
	const before = await apiRequests(sandbox);
	let polls = 1; // the activation's
	let capped = 0;
	const inject = (count: number, timestamp: number, stepMs?: number) => {
		if (count === 0) return [];
		const ids = kind.inject(rig, count, timestamp, stepMs);
		for (const id of ids) expected.add(id);
		lastTimestamp = timestamp + (count - 1) * (stepMs ?? 0);
		return ids;
	};
	const record = (outcome: PollOutcome) => {
		polls++;
		const events = outcome.output('Events');
		const times = events.map((event) => Date.parse(String(event.timestamp).replace(/(\d\d)(\d\d)$/, '$1:$2')));
		if (times.some((time, index) => index > 0 && time < times[index - 1])) ordered = false;
		for (const event of events) counts.set(String(event.id), (counts.get(String(event.id)) ?? 0) + 1);
		if (events.length > 0) newestSeen = String(events.at(-1)?.id);
	};
	// Unread gaps (a poll hit its page cap): the next poll reads on, so it is not a quiet one.
	const gapsPending = () => {
		const sources = ((harness.staticData().threadsPoll ?? {}) as IDataObject).sources ?? {};
		return Object.values(sources as Record<string, { gaps: unknown[] }>).some((source) => source.gaps.length > 0);
	};
	for (const step of SCRIPT) {
		const sameSecond = 'sameSecond' in step && step.sameSecond === true;
		// A poll a minute (a burst spread over minutes comes after a longer wait).
		if (!sameSecond) sandbox.clock.advance(('minutes' in step ? (step.minutes ?? 1) : 1) * MINUTE);
		const now = sandbox.clock.now();
		let quiet = false;
		if ('quiet' in step) quiet = true;
		else if ('injectThenDeleteOne' in step) {
			const ids = inject(step.injectThenDeleteOne, now);
			await kind.remove(rig, ids[1]);
			expected.delete(ids[1]); // deleted before any poll could see it
		} else if ('deleteNewestSeen' in step) {
			if (newestSeen) await kind.remove(rig, newestSeen);
			inject(step.inject, now);
			quiet = step.inject === 0;
		} else if ('restart' in step) {
			record(await harness.restart());
			inject(step.inject ?? 0, now);
			quiet = !step.inject;
		} else if ('noise' in step) {
			for (const id of kind.noise?.(rig, now) ?? []) unwanted.add(id);
		} else if ('midStream' in step) {
			for (const id of kind.midStream?.(rig, now) ?? []) expected.add(id);
		} else {
			// Long bursts end now; the same second as the last poll's newest when asked.
			const start = sameSecond ? lastTimestamp : now - (step.inject - 1) * (step.stepMs ?? 0);
			inject(step.inject, start, step.stepMs);
		}
		quiet &&= !gapsPending();
		const requestsBefore = await apiRequests(sandbox);
		record(await harness.poll());
		if (quiet) quietRequests.push((await apiRequests(sandbox)) - requestsBefore);
		if (gapsPending()) capped++;
	}
	const requests = (await apiRequests(sandbox)) - before;
	const emittedExpected = [...expected].filter((id) => counts.has(id)).length;
	const outcome = {
		polls,
		expected: expected.size,
		emitted: emittedExpected,
		duplicates: [...counts.values()].filter((count) => count > 1).length,
		missed: expected.size - emittedExpected,
		unexpected: [...counts.keys()].filter((id) => !expected.has(id)).length,
		requests,
		quietRequests,
		ordered,
		capped,
		line: '',
	};
	outcome.line = `${label}: emitted ${outcome.emitted} of ${outcome.expected}, duplicates ${outcome.duplicates}, missed ${outcome.missed}, requests ${requests} (${polls} polls; quiet polls ${quietRequests.join(', ')} requests each)`;
	if ([...unwanted].some((id) => counts.has(id))) outcome.unexpected++;
	return outcome;
}
