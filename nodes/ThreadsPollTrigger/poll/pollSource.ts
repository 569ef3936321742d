import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { advance, start, startingAt } from './advance';
import type { PollConfig } from './config';
import { sourceReader } from './reader';
import type { Source } from './sources';
import type { PollState } from './state';
import { timestampSeconds } from './watermark';

/** One new item of a watched list. */
export interface PollEvent {
	item: IDataObject;
	/** Its second, for ordering. */
	ts: number;
	source: Source;
}

/** What one poll carries from list to list: the state it builds and what it has to say. */
export interface PollRun {
	context: IPollFunctions;
	config: PollConfig;
	previous: PollState;
	next: PollState;
	notes: string[];
}

function toEvents(items: IDataObject[], source: Source): PollEvent[] {
	return items.map((item) => ({ item, ts: timestampSeconds(item) ?? 0, source }));
}

/**
 * One poll of one watched list. Its first poll sets the watermark at the newest item (emitting the
 * newest few only when Emit on First Run asks); a list known to start at `startAt` (a post's
 * replies, when the post is new) takes everything from then on as new.
 */
export async function pollSource(
	run: PollRun,
	source: Source,
	options: { startAt?: number; fields?: string } = {},
): Promise<PollEvent[]> {
	const { config } = run;
	const read = sourceReader(run.context, source, options.fields ?? config.fields);
	const known = run.previous.sources[source.key];
	if (!known && options.startAt === undefined) {
		const first = await start(read, config.emitOnFirstRun, config.maxPages);
		run.next.sources[source.key] = first.watermark;
		return toEvents(first.recent, source);
	}
	const result = await advance(known ?? startingAt(options.startAt ?? 0), read, config.maxPages);
	run.next.sources[source.key] = result.watermark;
	if (result.capped) {
		run.notes.push(
			`More was new than ${config.maxPages} pages hold while trying to ${source.action}: the newest items were emitted, the rest follow in the next polls (raise Max Pages per List to read more per poll)`,
		);
	}
	for (const gap of result.dropped) {
		run.notes.push(
			`Gave up reading the items from ${isoSecond(gap.since)} to ${isoSecond(gap.until)} while trying to ${source.action}: too much was new for too long. Raise Max Pages per List or poll more often.`,
		);
	}
	return toEvents(result.fresh, source);
}

function isoSecond(ts: number): string {
	return new Date(ts * 1000).toISOString().replace('.000Z', 'Z');
}
