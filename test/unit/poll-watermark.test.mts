// The poll trigger's watermark: new items told from known ones in Threads' newest-first lists with
// second-resolution timestamps, through bursts, equal timestamps, deletions and restarts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { MAX_GAPS, advance, start, startingAt } from '../../nodes/ThreadsPollTrigger/poll/advance.ts';
import { rangeReader } from '../../nodes/ThreadsPollTrigger/poll/reader.ts';
import {
	EMPTY_MARK,
	Seen,
	type Watermark,
	oldestFirst,
	parseWatermark,
	rangeQuery,
	take,
	timestampSeconds,
} from '../../nodes/ThreadsPollTrigger/poll/watermark.ts';
import { FakeList, metaTime, random } from '../helpers/fake-list.mts';

const T0 = 1_760_000_000;
const post = (id: string, ts: number): IDataObject => ({ id, timestamp: metaTime(ts) });
const ids = (items: IDataObject[]) => items.map((item) => String(item.id));

test("timestamps: Meta's +0000 strings, ISO strings, seconds and milliseconds; anything else is none", () => {
	assert.equal(timestampSeconds({ timestamp: '2024-08-09T18:07:56+0000' }), 1723226876);
	assert.equal(timestampSeconds({ timestamp: '2024-08-09T18:07:56Z' }), 1723226876);
	assert.equal(timestampSeconds({ timestamp: 1723226876 }), 1723226876);
	assert.equal(timestampSeconds({ timestamp: 1723226876999 }), 1723226876);
	assert.equal(timestampSeconds({ timestamp: 'yesterday' }), undefined);
	assert.equal(timestampSeconds({}), undefined);
});

test('a range is asked for one second wider on each side; the empty mark sends no since', () => {
	assert.deepEqual(rangeQuery({ since: { ts: T0, ids: [] } }), { since: T0 - 1 });
	assert.deepEqual(rangeQuery({ since: { ts: T0, ids: [] }, until: { ts: T0 + 9, ids: [] } }), { since: T0 - 1, until: T0 + 10 });
	assert.deepEqual(rangeQuery({ since: EMPTY_MARK }), {});
});

test('take: ids seen in the same second are known, other seconds and the range edges are checked', () => {
	const seen = new Seen({ mark: { ts: T0, ids: ['a'] }, gaps: [] });
	const items = [post('x', T0 + 1), post('a', T0), post('b', T0), post('old', T0 - 1), { id: 'no-time' }, post('x', T0 + 1)];
	const taken = take(seen, { since: { ts: T0, ids: ['a'] } }, items);
	assert.deepEqual(ids(taken.fresh), ['x', 'b'], 'a is known, old is before the range, the repeat of x is taken once');
	assert.equal(taken.newest, T0 + 1);
	assert.equal(taken.oldest, T0);
	assert.deepEqual(seen.boundary(T0).ids, ['a', 'b']);
});

test('events come out oldest first, and within a second in the reverse of the list order', () => {
	const newestFirst = [post('c', T0 + 1), post('b2', T0), post('b1', T0), post('a', T0 - 5)];
	assert.deepEqual(ids(oldestFirst(newestFirst, (item) => timestampSeconds(item) ?? 0)), ['a', 'b1', 'b2', 'c']);
});

test('first run: the mark takes the whole newest second, nothing is returned unless asked for', async () => {
	const list = new FakeList();
	list.add(T0 - 10, 3);
	const newest = list.add(T0, 30);
	const first = await start(rangeReader(list.page), 0, 10);
	assert.equal(first.recent.length, 0);
	assert.equal(first.watermark.mark.ts, T0);
	assert.deepEqual(first.watermark.mark.ids, newest.map((e) => e.id).sort(), 'all 30 ids of the second, over two pages');
	const asked = await start(rangeReader(list.page), 5, 10);
	assert.deepEqual(ids(asked.recent), newest.slice(-5).reverse().map((e) => e.id));
	const empty = await start(rangeReader(new FakeList().page), 0, 10);
	assert.deepEqual(empty.watermark, { mark: EMPTY_MARK, gaps: [] });
});

test('a quiet poll is one small request; new items in the mark second are new, the seen ones are not', async () => {
	const list = new FakeList();
	list.add(T0, 2);
	let { watermark } = await start(rangeReader(list.page), 0, 10);
	list.requests.length = 0;
	const quiet = await advance(watermark, rangeReader(list.page), 10);
	assert.equal(quiet.fresh.length, 0);
	assert.equal(quiet.pages, 1);
	assert.deepEqual(list.requests, [{ since: T0 - 1, limit: 25 }]);
	assert.deepEqual(quiet.watermark, watermark);
	const [late] = list.add(T0);
	const next = await advance(watermark, rangeReader(list.page), 10);
	assert.deepEqual(ids(next.fresh), [late.id]);
	watermark = next.watermark;
	assert.equal(watermark.mark.ids.length, 3);
});

test('a deleted boundary item neither stops the list nor brings anything back', async () => {
	const list = new FakeList();
	const [a, b] = list.add(T0, 2);
	let { watermark } = await start(rangeReader(list.page), 0, 10);
	list.delete(b.id);
	list.delete(a.id);
	const quiet = await advance(watermark, rangeReader(list.page), 10);
	assert.equal(quiet.fresh.length, 0);
	const [c] = list.add(T0 + 1);
	const next = await advance(quiet.watermark, rangeReader(list.page), 10);
	assert.deepEqual(ids(next.fresh), [c.id]);
	watermark = next.watermark;
	assert.deepEqual(watermark.mark, { ts: T0 + 1, ids: [c.id] });
});

test('a burst bigger than the page budget: the newest now, the rest from the gap in the next polls', async () => {
	const list = new FakeList();
	list.add(T0);
	let { watermark } = await start(rangeReader(list.page), 0, 2);
	const burst = [1, 2, 3, 4, 5].flatMap((second) => list.add(T0 + second, 50));
	const emitted: string[] = [];
	const capped: boolean[] = [];
	for (let poll = 0; poll < 3; poll++) {
		const result = await advance(watermark, rangeReader(list.page), 2);
		emitted.push(...ids(result.fresh));
		capped.push(result.capped);
		watermark = parseWatermark(JSON.parse(JSON.stringify(result.watermark))) as Watermark;
	}
	assert.equal(capped[0], true, 'the first poll could not read it all');
	assert.equal(capped.at(-1), false, 'a later poll read the rest');
	assert.equal(new Set(emitted).size, emitted.length, 'no duplicates');
	assert.deepEqual([...emitted].sort(), burst.map((e) => e.id).sort());
	assert.deepEqual(watermark.gaps, []);
});

test('a read never stops inside a second: 250 items of one second come out in one poll of 2 pages', async () => {
	const list = new FakeList();
	list.add(T0);
	const { watermark } = await start(rangeReader(list.page), 0, 2);
	const burst = list.add(T0 + 1, 250);
	const result = await advance(watermark, rangeReader(list.page), 2);
	assert.equal(result.capped, false);
	assert.deepEqual(ids(result.fresh).sort(), burst.map((e) => e.id).sort());
	assert.equal(result.watermark.mark.ids.length, 250);
});

test(`past ${MAX_GAPS} unread gaps the oldest is given up, and said`, async () => {
	const list = new FakeList();
	list.add(T0);
	let { watermark } = await start(rangeReader(list.page), 0, 1);
	let dropped = 0;
	for (let poll = 1; poll <= MAX_GAPS + 2; poll++) {
		for (const second of [1, 2, 3]) list.add(T0 + poll * 10 + second, 40);
		const result = await advance(watermark, rangeReader(list.page), 1);
		dropped += result.dropped.length;
		watermark = result.watermark;
	}
	assert.equal(watermark.gaps.length, MAX_GAPS);
	assert.equal(dropped, 1);
});

test('a new post starts its replies at its own second: replies already there are new', async () => {
	const list = new FakeList();
	const replies = list.add(T0, 2);
	const result = await advance(startingAt(T0), rangeReader(list.page), 10);
	assert.deepEqual(ids(result.fresh).sort(), replies.map((e) => e.id).sort());
});

test('unreadable static data is dropped (the list starts afresh), readable data round-trips', () => {
	assert.equal(parseWatermark(undefined), undefined);
	assert.equal(parseWatermark({ mark: { ts: 'x', ids: [] }, gaps: [] }), undefined);
	const watermark = { mark: { ts: T0, ids: ['1'] }, gaps: [{ since: { ts: 1, ids: [] }, until: { ts: 2, ids: ['2'] } }] };
	assert.deepEqual(parseWatermark(JSON.parse(JSON.stringify(watermark))), watermark);
	assert.deepEqual(parseWatermark({ ...watermark, gaps: [{ since: { ts: 5, ids: [] }, until: { ts: 2, ids: [] } }] })?.gaps, []);
});

/**
 * A scripted stream over many polls: quiet polls, single items, bursts of 250, items in the second
 * of the last poll, deletions (of seen and unseen items), and restarts from the state saved at the
 * last poll that emitted (as n8n saves static data). Every item that is never deleted comes out
 * exactly once; nothing comes out twice.
 */
async function scriptedStream(seed: number, options: { honoursTime: boolean; maxPages: number }) {
	const rand = random(seed);
	const list = new FakeList({ honoursTime: options.honoursTime });
	list.add(T0 - 100, 40);
	let now = T0;
	let { watermark } = await start(rangeReader(list.page), 0, options.maxPages);
	let saved = watermark;
	const emitted = new Map<string, number>();
	const givenUp: Array<{ since: number; until: number }> = [];
	let cappedPolls = 0;
	const deleted = new Set<string>();
	const added: string[] = [];
	for (let poll = 0; poll < 60; poll++) {
		const roll = rand();
		if (roll < 0.08) added.push(...list.add(now, 250).map((e) => e.id));
		else if (roll < 0.15) {
			// 250 over five seconds: a read can stop between them.
			for (let second = 0; second < 5; second++) added.push(...list.add(now + second, 50).map((e) => e.id));
			now += 5;
		}
		else if (roll < 0.6) added.push(...list.add(now, 1 + Math.floor(rand() * 5)).map((e) => e.id));
		if (rand() < 0.3) {
			const live = list.live();
			const victim = live[Math.floor(rand() * Math.min(live.length, 30))];
			if (victim) {
				list.delete(victim.id);
				deleted.add(victim.id);
			}
		}
		if (rand() < 0.15) watermark = saved; // a restart: what n8n saved at the last emitting poll
		const result = await advance(watermark, rangeReader(list.page), options.maxPages);
		for (const id of ids(result.fresh)) emitted.set(id, (emitted.get(id) ?? 0) + 1);
		givenUp.push(...result.dropped);
		if (result.capped) cappedPolls++;
		watermark = parseWatermark(JSON.parse(JSON.stringify(result.watermark))) as Watermark;
		if (result.fresh.length > 0) saved = watermark;
		// Often the same second again: equal timestamps across polls.
		if (rand() < 0.5) now += 1 + Math.floor(rand() * 120);
	}
	for (let drain = 0; drain < 20 && watermark.gaps.length > 0; drain++) {
		const result = await advance(watermark, rangeReader(list.page), options.maxPages);
		for (const id of ids(result.fresh)) emitted.set(id, (emitted.get(id) ?? 0) + 1);
		givenUp.push(...result.dropped);
		watermark = result.watermark;
	}
	const quiet = await advance(watermark, rangeReader(list.page), options.maxPages);
	// One request, unless more than a page of items share the newest second.
	const quietPages = quiet.pages + quiet.fresh.length - Math.floor(watermark.mark.ids.length / 100);
	const duplicates = [...emitted.values()].filter((count) => count > 1).length;
	const missedIds = added.filter((id) => !deleted.has(id) && !emitted.has(id));
	const tsOf = new Map(list.entries.map((e) => [e.id, e.ts]));
	// Missed items that lie in a gap the poll gave up on (and said so) are accounted for.
	const unsaid = missedIds.filter((id) => !givenUp.some((gap) => gap.since <= tsOf.get(id)! && tsOf.get(id)! <= gap.until)).length;
	const missed = missedIds.length;
	const unknown = [...emitted.keys()].filter((id) => !added.includes(id)).length;
	return { cappedPolls, duplicates, missed, unsaid, givenUp: givenUp.length, unknown, emitted: emitted.size, added: added.length, quietPages, gaps: watermark.gaps.length, mark: watermark.mark.ids.length };
}

const exactlyOnce = [
	{ honoursTime: true, maxPages: 10 },
	{ honoursTime: true, maxPages: 2 },
	{ honoursTime: false, maxPages: 10 },
];
for (const options of exactlyOnce) {
	test(`scripted stream (${options.honoursTime ? 'since/until applied' : 'since/until ignored'}, ${options.maxPages} pages a poll): everything exactly once`, async () => {
		for (const seed of [1, 2, 3]) {
			const outcome = await scriptedStream(seed, options);
			assert.equal(outcome.duplicates, 0, `seed ${seed}`);
			assert.equal(outcome.missed, 0, `seed ${seed}`);
			assert.equal(outcome.unknown, 0, `seed ${seed}: nothing old or invented`);
			assert.ok(outcome.added > 250, `seed ${seed}: the stream had a burst`);
			assert.ok(outcome.quietPages <= 1, `seed ${seed}: a quiet poll is one request, not ${outcome.quietPages}`);
			if (options.maxPages === 2) assert.ok(outcome.cappedPolls > 0, `seed ${seed}: some polls hit the page cap`);
		}
	});
}

test('scripted stream on a list that ignores since/until, 2 pages a poll: no duplicates, and what is missed was said', async () => {
	for (const seed of [1, 2, 3]) {
		const outcome = await scriptedStream(seed, { honoursTime: false, maxPages: 2 });
		assert.equal(outcome.duplicates, 0, `seed ${seed}`);
		assert.equal(outcome.unsaid, 0, `seed ${seed}: every missed item lies in a gap given up and reported`);
		assert.equal(outcome.unknown, 0, `seed ${seed}`);
		assert.ok(outcome.quietPages <= 1, `seed ${seed}: a quiet poll is one request, not ${outcome.quietPages}`);
	}
});
