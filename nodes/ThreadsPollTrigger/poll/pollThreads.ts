import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { type PollConfig, readPollConfig } from './config';
import { isOwnReply, toItems } from './output';
import { type PollEvent, type PollRun, pollSource } from './pollSource';
import { sampleEvent } from './sample';
import { mentions, ownPosts, searchResults } from './sources';
import { loadState, saveState } from './state';
import { pollPickedPost, pollRecentPosts } from './watchedPosts';

/**
 * The trigger's poll. A manual run returns the latest item as a sample; an active workflow's poll
 * returns what is new since the last one (null when nothing is), oldest first, and keeps its
 * watermarks in the node's static data. Nothing is written unless every watched list was read: a
 * poll that fails emits nothing and the next one reads the same items again.
 */
export async function pollThreads(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	// n8n keeps one poll context for as long as the workflow is active, and the transport keeps
	// per-run state (retry budget, API root, the account's username) per context object: each poll
	// gets an object of its own, so that state starts afresh at every poll.
	const context = Object.create(this) as IPollFunctions;
	const config = readPollConfig(context);
	if (this.getMode() === 'manual') {
		return [toItems([await sampleEvent(context, config)], config.simplify)];
	}
	const staticData = this.getWorkflowStaticData('node');
	const run: PollRun = {
		context,
		config,
		previous: loadState(staticData),
		next: { sources: {} },
		notes: [],
	};
	const events = (await collect(run)).filter(
		(event) => config.includeOwnReplies || !isOwnReply(event),
	);
	saveState(staticData, run.next);
	for (const note of run.notes) this.logger.warn(`${this.getNode().name}: ${note}`);
	if (events.length === 0) return null;
	return [toItems(events, config.simplify)];
}

async function collect(run: PollRun): Promise<PollEvent[]> {
	const config: PollConfig = run.config;
	switch (config.event) {
		case 'post':
			return await pollSource(run, ownPosts('post'));
		case 'mention':
			return await pollSource(run, mentions());
		case 'searchResult':
			return await pollSource(run, searchResults(config.query, config.searchMode));
		default:
			return config.watch === 'onePost' ? await pollPickedPost(run) : await pollRecentPosts(run);
	}
}
