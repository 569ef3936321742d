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

/** What the text options do to a thread's text before it is numbered (see parameters/threadText.ts). */
export interface PartFitting {
	/** A text to split, made ready first (Clean HTML). */
	whole(text: string): string;
	/** Part k (0-based) of `count`, listed or from an input item, fitted to `maxLength` (its number follows). */
	part(part: ThreadPart, index: number, count: number, maxLength: number): ThreadPart;
	/** The root's Link Attachment, once whole() has run: it counts toward the root's links. */
	readonly linkAttachment?: string;
}

const AS_IS: PartFitting = { whole: (text) => text, part: (part) => part };

/** The parts fitted, leaving room for the numbers, then numbered. */
function fitAndNumber(
	parts: ThreadPart[],
	numbering: ThreadNumbering,
	fitting: PartFitting,
): ThreadPart[] {
	const numbered = numbering === 'slash' && parts.length > 1;
	const room = MAX_TEXT_LENGTH - (numbered ? `\n${parts.length}/${parts.length}`.length : 0);
	return numberParts(
		parts.map((part, index) => fitting.part(part, index, parts.length, room)),
		numbering,
	);
}

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
	fitting: PartFitting = AS_IS,
): Promise<ThreadPart[]> {
	const numbering = readNumbering(context, itemIndex);
	if (context.getNodeParameter('threadSource', itemIndex, 'text') === 'list') {
		const listed = context.getNodeParameter('parts', itemIndex, {}) as { part?: IDataObject[] };
		return fitAndNumber(
			(listed.part ?? []).map((entry) => part(entry)),
			numbering,
			fitting,
		);
	}
	const whole = fitting.whole(text(context.getNodeParameter('threadText', itemIndex, '')));
	const split = await attempt(async () =>
		splitIntoThread(whole, {
			maxLength: MAX_TEXT_LENGTH,
			// The root's link attachment counts toward its links: every part leaves room for it.
			maxLinksPerPart: fitting.linkAttachment ? MAX_LINKS - 1 : MAX_LINKS,
			numbering,
		}),
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
export function readPartsFromItems(
	context: IExecuteFunctions,
	itemCount: number,
	fitting: PartFitting = AS_IS,
): ThreadPart[] {
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
	return fitAndNumber(parts, readNumbering(context, 0), fitting);
}

/** Options > Continue Chain After Post ID, as typed (checked with the rest of the item). */
export function readContinueAfter(context: IExecuteFunctions, itemIndex: number): string {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return parameterText(options.continueAfterPostId);
}
