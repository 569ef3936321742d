/**
 * A Threads list in memory, for the poll trigger's unit tests: newest first with a stable order
 * within a second, `since`/`until` in unix seconds (or ignored, like a list that does not take
 * them), `limit`, and `after` cursors that survive deletions (they name a position, not an item).
 */
import type { IDataObject } from 'n8n-workflow';

import type { Page } from '../../nodes/Threads/transport/pagination.ts';

export interface Entry {
	id: string;
	ts: number;
	seq: number;
	deleted?: boolean;
}

export function metaTime(ts: number): string {
	return new Date(ts * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

const newestFirst = (a: Entry, b: Entry) => b.ts - a.ts || b.seq - a.seq;

export class FakeList {
	readonly entries: Entry[] = [];
	readonly requests: IDataObject[] = [];
	private seq = 0;

	constructor(private readonly options: { honoursTime?: boolean } = {}) {}

	add(ts: number, count = 1): Entry[] {
		const added: Entry[] = [];
		for (let i = 0; i < count; i++) {
			const seq = ++this.seq;
			const entry = { id: String(1_000_000 + seq), ts, seq };
			this.entries.push(entry);
			added.push(entry);
		}
		return added;
	}

	delete(id: string): void {
		const entry = this.entries.find((e) => e.id === id);
		if (entry) entry.deleted = true;
	}

	live(): Entry[] {
		return this.entries.filter((e) => !e.deleted).sort(newestFirst);
	}

	/** One page, as the transport would hand it over. */
	readonly page = async (qs: IDataObject): Promise<Page> => {
		this.requests.push(qs);
		let items = this.live();
		if (this.options.honoursTime !== false) {
			if (qs.since !== undefined) items = items.filter((e) => e.ts >= Number(qs.since));
			if (qs.until !== undefined) items = items.filter((e) => e.ts <= Number(qs.until));
		}
		if (qs.after !== undefined) {
			const [ts, seq] = String(qs.after).split(':').map(Number);
			items = items.filter((e) => e.ts < ts || (e.ts === ts && e.seq < seq));
		}
		const limit = Number(qs.limit ?? 25);
		const data = items.slice(0, limit);
		if (data.length === 0) return { data: [] };
		const last = data[data.length - 1];
		return {
			data: data.map((e) => ({ id: e.id, timestamp: metaTime(e.ts) })),
			paging: {
				cursors: { before: 'b', after: `${last.ts}:${last.seq}` },
				...(items.length > limit ? { next: 'https://graph.threads.net/next' } : {}),
			},
		};
	};
}

/** A small seeded PRNG (mulberry32), so that a scripted stream is the same at every run. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
