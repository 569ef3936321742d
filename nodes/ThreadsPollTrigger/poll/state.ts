import type { IDataObject } from 'n8n-workflow';

import { type Watermark, parseWatermark } from './watermark';

/**
 * What the trigger keeps between polls, in the workflow's static data for this node (n8n saves it
 * with the workflow, so it outlives restarts). Read defensively: anything unreadable is dropped and
 * that list starts afresh, emitting nothing old.
 */
export interface PollState {
	/** One watermark per watched list, by the list's key. */
	sources: Record<string, Watermark>;
	/** My Recent Posts: how many were asked for, and the posts whose replies are watched, newest first. */
	watched?: { count: number; ids: string[] };
	/** One Post given by URL: the URL and the ID it was found to have (looked up once). */
	post?: { ref: string; id: string };
}

const KEY = 'threadsPoll';

export function loadState(staticData: IDataObject): PollState {
	const raw = staticData[KEY];
	const state: PollState = { sources: {} };
	if (typeof raw !== 'object' || raw === null) return state;
	const { sources, watched, post } = raw as IDataObject;
	if (typeof sources === 'object' && sources !== null) {
		for (const [key, value] of Object.entries(sources)) {
			const watermark = parseWatermark(value);
			if (watermark) state.sources[key] = watermark;
		}
	}
	if (typeof watched === 'object' && watched !== null) {
		const { count, ids } = watched as IDataObject;
		if (typeof count === 'number' && Array.isArray(ids))
			state.watched = { count, ids: ids.map(String) };
	}
	if (typeof post === 'object' && post !== null) {
		const { ref, id } = post as IDataObject;
		if (typeof ref === 'string' && typeof id === 'string') state.post = { ref, id };
	}
	return state;
}

/** Writes the state back only when it changed (n8n saves static data that was touched). */
export function saveState(staticData: IDataObject, state: PollState): void {
	const next = JSON.parse(JSON.stringify(state)) as IDataObject;
	if (JSON.stringify(staticData[KEY]) === JSON.stringify(next)) return;
	staticData[KEY] = next;
}
