import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { threadFields } from '../../descriptions/threadFields';
import { readPostOptions, readWaitSettings } from '../../parameters/postOptions';
import { adjustedOutput, readTextChoices } from '../../parameters/postText';
import { ThreadTextFitting } from '../../parameters/threadText';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import {
	readContinueAfter,
	readPartsFromItems,
	readThreadParts,
} from '../../parameters/threadParts';
import type { PostSpec } from '../../posts/postSpec';
import type { TextAdjustment } from '../../posts/postText';
import { assertNoProblems, optionLabelsOf } from '../../posts/postRules';
import { type ThreadPart, partSpec, threadProblems } from '../../posts/threadParts';
import { publishThread } from '../../publishing/publishThread';
import { type QuotaNeed, threadNeed } from '../../publishing/threadQuota';
import { admitWithinQuota } from '../quotaAdmission';
import { numericIdProblem } from '../../shared/ids';
import type { Admission, OperationOption } from '../types';

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
	wait: ReturnType<typeof readWaitSettings>;
	/** What the text options did to the parts' text. */
	adjusted: TextAdjustment[];
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
	fitting: ThreadTextFitting,
): PreparedThread {
	const rootOptions = readPostOptions(context, itemIndex);
	if (fitting.linkAttachment) rootOptions.linkAttachment = fitting.linkAttachment;
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
	const adjusted = [...fitting.adjusted];
	return { specs, wait, urls, adjusted, continueAfter: continueAfter || undefined };
}

/** The text options of the item whose parameters the thread reads. */
function textFitting(context: IExecuteFunctions, itemIndex: number): ThreadTextFitting {
	return new ThreadTextFitting(
		context,
		itemIndex,
		readTextChoices(context, itemIndex),
		readPostOptions(context, itemIndex),
	);
}

/** What a deferred thread reports: its parts' text, enough to publish it later. */
function describeThread({ specs, adjusted }: PreparedThread): IDataObject {
	const out: IDataObject = {
		text: specs[0]?.text ?? '',
		parts: specs.map((spec) => spec.text ?? ''),
	};
	if (specs[0]?.options.linkAttachment) out.linkAttachment = specs[0].options.linkAttachment;
	return { ...out, ...adjustedOutput(adjusted) };
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
	{ specs, wait, urls, continueAfter, adjusted }: PreparedThread,
): Promise<IDataObject> {
	const root = await resolvePostUrls.call(context, specs[0], urls, itemIndex);
	const published = await publishThread.call(
		context,
		[root, ...specs.slice(1)],
		itemIndex,
		wait,
		continueAfter,
	);
	return { ...published, status: 'PUBLISHED', ...adjustedOutput(adjusted) };
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedThread> {
	const fitting = textFitting(this, itemIndex);
	return prepareThread(this, itemIndex, await readThreadParts(this, itemIndex, fitting), fitting);
}

/**
 * With Check Publishing Quota on, threads the quota cannot hold whole are refused before any is
 * sent, or with Over Quota set to Defer (the first item's), deferred.
 */
export async function admit(
	this: IExecuteFunctions,
	prepared: Array<PreparedThread | undefined>,
): Promise<Map<number, Admission>> {
	const needs = prepared.map((thread) => (thread?.wait.checkQuota ? quotaNeed(thread) : undefined));
	const { overQuota } = readWaitSettings(this, 0);
	return await admitWithinQuota(this, prepared, needs, overQuota, describeThread);
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
	const fitting = textFitting(this, 0);
	const thread = prepareThread(this, 0, readPartsFromItems(this, items.length, fitting), fitting);
	if (thread.wait.checkQuota) {
		const needs = [quotaNeed(thread)];
		const [held] = (
			await admitWithinQuota(this, [thread], needs, thread.wait.overQuota, describeThread)
		).values();
		if (held instanceof Error) throw held;
		if (held) return held.deferred;
	}
	return await run(this, 0, thread);
}
