import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { threadFields } from '../../descriptions/threadFields';
import { readPostOptions, readWaitSettings } from '../../parameters/postOptions';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import {
	readContinueAfter,
	readPartsFromItems,
	readThreadParts,
} from '../../parameters/threadParts';
import type { PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertNoProblems, optionLabelsOf } from '../../posts/postRules';
import { type ThreadPart, partSpec, threadProblems } from '../../posts/threadParts';
import { publishThread } from '../../publishing/publishThread';
import { type QuotaNeed, refuseThreadsBeyondQuota, threadNeed } from '../../publishing/threadQuota';
import { numericIdProblem } from '../../shared/ids';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Publish Thread',
	description:
		'Publish a root post and its chain of replies in order, each part replying to the one before, from a text split automatically, parts listed in the node, or one part per input item',
	action: 'Publish a thread (a post and its chain of replies)',
};

export const requiredScopes = ['threads_content_publish', 'threads_manage_replies'];

export const description: INodeProperties[] = threadFields({
	resource: ['post'],
	operation: ['publishThread'],
});

interface PreparedThread {
	specs: PostSpec[];
	wait: WaitSettings & { checkQuota: boolean };
	/** The root's Reply To and Quote Post given as post URLs (version 2 locators), resolved when it runs. */
	urls: PostUrls;
	continueAfter?: string;
}

/**
 * Reads and checks one thread (itemIndex: where its parameters are read; the options of a thread
 * from input items are the first item's). Every part meets Publish's rules before anything is sent.
 */
function prepareThread(
	context: IExecuteFunctions,
	itemIndex: number,
	parts: ThreadPart[],
): PreparedThread {
	const rootOptions = readPostOptions(context, itemIndex);
	const replyOptions = readPostOptions(context, itemIndex, 'replyOptions');
	const raw = parts.map((part, index) => partSpec(part, index, rootOptions, replyOptions));
	const { spec: root, urls } =
		raw.length > 0 ? deferPostUrls(context, itemIndex, raw[0]) : { spec: undefined, urls: {} };
	const specs = root ? [root, ...raw.slice(1)] : raw;
	const wait = readWaitSettings(context, itemIndex);
	const continueAfter = readContinueAfter(context, itemIndex);
	const problems = threadProblems(parts, specs, wait, optionLabelsOf(context));
	const idProblem = continueAfter
		? numericIdProblem(continueAfter, 'Continue Chain After Post ID')
		: undefined;
	assertNoProblems(context, idProblem ? [idProblem, ...problems] : problems, itemIndex);
	return { specs, wait, urls, continueAfter: continueAfter || undefined };
}

function quotaNeed({ specs, continueAfter }: PreparedThread): QuotaNeed {
	return threadNeed(specs.length, {
		rootIsReply: Boolean(specs[0]?.options.replyToId),
		resuming: Boolean(continueAfter),
	});
}

async function run(
	context: IExecuteFunctions,
	itemIndex: number,
	{ specs, wait, urls, continueAfter }: PreparedThread,
): Promise<IDataObject> {
	const root = await resolvePostUrls.call(context, specs[0], urls, itemIndex);
	return await publishThread.call(
		context,
		[root, ...specs.slice(1)],
		itemIndex,
		wait,
		continueAfter,
	);
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedThread> {
	return prepareThread(this, itemIndex, await readThreadParts(this, itemIndex));
}

/** With Check Publishing Quota on, threads the quota cannot hold whole are refused before any is sent. */
export async function admit(
	this: IExecuteFunctions,
	prepared: Array<PreparedThread | undefined>,
): Promise<Map<number, Error>> {
	const needs = prepared.map((thread) => (thread?.wait.checkQuota ? quotaNeed(thread) : undefined));
	return await refuseThreadsBeyondQuota.call(this, needs);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedThread,
): Promise<IDataObject> {
	return await run(this, itemIndex, prepared);
}

/** A thread whose parts are all the input items: one thread for the whole run. */
export function combinesItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('threadSource', 0, 'text') === 'inputItems';
}

export async function executeCombined(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<IDataObject> {
	const thread = prepareThread(this, 0, readPartsFromItems(this, items.length));
	if (thread.wait.checkQuota) {
		const [refusal] = (await refuseThreadsBeyondQuota.call(this, [quotaNeed(thread)])).values();
		if (refusal) throw refusal;
	}
	return await run(this, 0, thread);
}
