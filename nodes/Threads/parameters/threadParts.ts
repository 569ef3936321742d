import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { splitIntoThread } from '../posts/threadSplit';
import { MAX_LINKS, MAX_TEXT_LENGTH } from '../posts/textLimits';
import {
	type ThreadNumbering,
	type ThreadPart,
	numberParts,
	partMediaType,
} from '../posts/threadParts';
import { attempt } from '../shared/attempt';
import { parameterText } from '../shared/ids';

/** Reads the parts of a thread from where the user put them (no checks: see threadProblems). */

export type ThreadSource = 'text' | 'list' | 'inputItems';

function text(value: unknown): string {
	return typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: String(value);
}

function readNumbering(context: IExecuteFunctions, itemIndex: number): ThreadNumbering {
	return context.getNodeParameter('numbering', itemIndex, 'none') === 'slash' ? 'slash' : 'none';
}

function part(entry: IDataObject, source?: string): ThreadPart {
	const mediaUrl = text(entry.mediaUrl).trim();
	const mediaType = partMediaType(text(entry.mediaType || 'auto'), mediaUrl);
	const result: ThreadPart = { text: text(entry.text), mediaType };
	if (mediaType !== 'TEXT') result.mediaUrl = mediaUrl;
	const altText = text(entry.altText);
	if (altText && mediaType !== 'TEXT') result.altText = altText;
	if (source) result.source = source;
	return result;
}

/** The parts of one item's thread: its Text split automatically, or the parts listed in the node. */
export async function readThreadParts(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<ThreadPart[]> {
	const numbering = readNumbering(context, itemIndex);
	if (context.getNodeParameter('threadSource', itemIndex, 'text') === 'list') {
		const listed = context.getNodeParameter('parts', itemIndex, {}) as { part?: IDataObject[] };
		return numberParts(
			(listed.part ?? []).map((entry) => part(entry)),
			numbering,
		);
	}
	const whole = text(context.getNodeParameter('threadText', itemIndex, ''));
	const split = await attempt(async () =>
		splitIntoThread(whole, { maxLength: MAX_TEXT_LENGTH, maxLinksPerPart: MAX_LINKS, numbering }),
	);
	if (!split.ok) {
		throw new NodeOperationError(
			context.getNode(),
			`Text cannot be split into a thread: ${(split.error as Error).message}`,
			{
				itemIndex,
				description:
					'Nothing was sent to Threads. Shorten it, or list the parts yourself (Parts From: Defined Below).',
			},
		);
	}
	return split.value.map((partText) => ({ text: partText, mediaType: 'TEXT' as const }));
}

/** One part per input item, in order; the numbering is the first item's. */
export function readPartsFromItems(context: IExecuteFunctions, itemCount: number): ThreadPart[] {
	const parts = Array.from({ length: itemCount }, (_, index) =>
		part(
			{
				text: context.getNodeParameter('partText', index, ''),
				mediaType: context.getNodeParameter('partMediaType', index, 'auto'),
				mediaUrl: context.getNodeParameter('partMediaUrl', index, ''),
				altText: context.getNodeParameter('partAltText', index, ''),
			},
			`input item ${index + 1}`,
		),
	);
	return numberParts(parts, readNumbering(context, 0));
}

/** Options > Continue Chain After Post ID, as typed (checked with the rest of the item). */
export function readContinueAfter(context: IExecuteFunctions, itemIndex: number): string {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return parameterText(options.continueAfterPostId);
}
