import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PostSpec } from '../posts/postSpec';
import {
	DEFAULT_TEXT_CHOICES,
	type FittedText,
	type TextAdjustment,
	type TextChoices,
	fitPostText,
	isDefaultChoice,
} from '../posts/postText';

/**
 * The text options of a publishing operation (Clean HTML, Links in HTML, More Than 5 Links, When
 * Text Is Too Long) read and applied to one item's post before any request. Publish, Reply >
 * Create and Publish Thread share it: raw text and options in, the final text (or thread parts) out.
 */

function choice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return allowed.includes(value as T) ? (value as T) : fallback;
}

/** The text choices of the Options collection (defaults: nothing changes). */
export function readTextChoices(
	context: IExecuteFunctions,
	itemIndex: number,
	parameterName = 'options',
): TextChoices {
	const raw = context.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	const defaults = DEFAULT_TEXT_CHOICES;
	return {
		whenTooLong: choice(raw.whenTooLong, ['fail', 'shorten', 'split'], defaults.whenTooLong),
		cleanHtml: raw.cleanHtml === true,
		htmlLinks: choice(raw.htmlLinks, ['keepAsText', 'moveToAttachment'], defaults.htmlLinks),
		moreLinks: choice(raw.moreLinks, ['fail', 'keepFirst'], defaults.moreLinks),
		numbering: choice(raw.threadNumbering, ['none', 'slash'], defaults.numbering),
	};
}

export interface FittedPost {
	spec: PostSpec;
	/** Split Into a Thread: the text of every part, the root first (two or more). */
	parts?: string[];
	/** What was done to the text; empty when nothing was. */
	adjusted: TextAdjustment[];
}

/**
 * The post with its text fitted by the item's text choices. Refuses, as the item's error before any
 * request, a text that cannot be fitted (the message names the option and the rule).
 */
export function fitPostSpec(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PostSpec,
	choices: TextChoices = readTextChoices(context, itemIndex),
): FittedPost {
	if (isDefaultChoice(choices) || spec.isCarouselItem) return { spec, adjusted: [] };
	const { options } = spec;
	let fitted: FittedText;
	try {
		fitted = fitPostText(
			{
				text: spec.text ?? '',
				linkAttachment: options.linkAttachment,
				canAttachLink: spec.mediaType === 'TEXT' && !options.pollOptions && !options.textAttachment,
			},
			choices,
		);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex,
			description: 'Nothing was sent to Threads.',
		});
	}
	const { text, parts, linkAttachment, adjusted } = fitted;
	const fittedSpec: PostSpec = { ...spec, text, options: { ...options } };
	if (linkAttachment) fittedSpec.options.linkAttachment = linkAttachment;
	return parts ? { spec: fittedSpec, parts, adjusted } : { spec: fittedSpec, adjusted };
}

/** What an output item says of the text: `textAdjusted` only when something was done. */
export function adjustedOutput(adjusted: TextAdjustment[]): IDataObject {
	return adjusted.length > 0 ? { textAdjusted: adjusted } : {};
}

/** What a deferred item reports of its post: enough to publish it later. */
export function deferredPost({ spec, parts, adjusted }: FittedPost): IDataObject {
	const out: IDataObject = { mediaType: spec.mediaType, text: spec.text ?? '' };
	if (parts) out.parts = parts;
	if (spec.imageUrl) out.imageUrl = spec.imageUrl;
	if (spec.videoUrl) out.videoUrl = spec.videoUrl;
	if (spec.options.linkAttachment) out.linkAttachment = spec.options.linkAttachment;
	return { ...out, ...adjustedOutput(adjusted) };
}
