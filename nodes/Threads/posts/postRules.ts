import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { numericIdProblem } from '../shared/ids';
import { MAX_ALT_TEXT, codePoints, mediaProblems } from './mediaRules';
import {
	LOCATOR_OPTION_LABELS,
	OPTION_LABELS,
	type OptionLabels,
	exclusionProblems,
	isSet,
	optionPlacementProblems,
} from './optionRules';
import { type PostOptions, type PostSpec, REPLY_CONTROLS, type WaitSettings } from './postSpec';
import { publicUrlProblem } from './publicUrl';
import { MAX_LINKS, textProblems, uniqueLinks } from './textLimits';

/**
 * Meta's publishing rules, checked before any request. Each problem is a sentence that names the
 * field (as the node shows it) and the rule it breaks.
 */

export { MAX_ALT_TEXT, MAX_CAROUSEL_ITEMS, MIN_CAROUSEL_ITEMS } from './mediaRules';
export const MAX_POLL_OPTION = 25;
export const MAX_TOPIC_TAG = 50;
export const MAX_TEXT_ATTACHMENT = 10000;
export const MAX_TEXT_SPOILERS = 10;
export const MAX_WAIT_LIMIT_MS = 24 * 60 * 60 * 1000;
export const MAX_CONCURRENCY = 20;

function pollProblems(raw: string[]): string[] {
	const options = [...raw];
	while (options.length > 0 && options[options.length - 1].trim() === '') options.pop();
	const letters = ['A', 'B', 'C', 'D'];
	const gap = options.findIndex((option) => option.trim() === '');
	if (gap >= 0) {
		return [
			`Poll Option ${letters[gap]} is empty: poll options must be filled in order (A, B, C, D)`,
		];
	}
	if (options.length < 2 || options.length > 4) {
		return [`Poll must have between 2 and 4 options, got ${options.length}`];
	}
	const problems: string[] = [];
	options.forEach((option, index) => {
		const length = codePoints(option);
		if (length > MAX_POLL_OPTION) {
			problems.push(
				`Poll Option ${letters[index]} is ${length} characters long; each option must be 1 to ${MAX_POLL_OPTION} characters`,
			);
		}
	});
	return problems;
}

function topicTagProblems(tag: string): string[] {
	const length = codePoints(tag);
	if (length < 1 || length > MAX_TOPIC_TAG) {
		return [`Topic Tag must be 1 to ${MAX_TOPIC_TAG} characters long, got ${length}`];
	}
	if (/[.&]/.test(tag)) return ['Topic Tag must not contain "." or "&"'];
	return [];
}

function spoilerProblems(spoilers: PostOptions['textSpoilers'], text: string): string[] {
	if (!spoilers || spoilers.length === 0) return [];
	if (spoilers.length > MAX_TEXT_SPOILERS) {
		return [`Text Spoilers allows at most ${MAX_TEXT_SPOILERS} ranges, got ${spoilers.length}`];
	}
	if (text === '') return ['Text Spoilers need a Text to hide parts of'];
	const length = codePoints(text);
	const problems: string[] = [];
	spoilers.forEach(({ offset, length: size }, index) => {
		if (!Number.isInteger(offset) || !Number.isInteger(size) || offset < 0 || size < 1) {
			problems.push(
				`Text Spoilers range ${index + 1} must have a whole Offset of 0 or more and a Length of 1 or more`,
			);
		} else if (offset + size > length) {
			problems.push(
				`Text Spoilers range ${index + 1} (offset ${offset}, length ${size}) must lie inside the Text, which is ${length} characters long`,
			);
		}
	});
	return problems;
}

function textAttachmentProblems(attachment: PostOptions['textAttachment']): string[] {
	if (!attachment) return [];
	const problems: string[] = [];
	const length = codePoints(attachment.plaintext);
	if (length === 0) problems.push('Text Attachment needs its Plain Text');
	if (length > MAX_TEXT_ATTACHMENT) {
		problems.push(
			`Text Attachment Plain Text is ${length} characters long; the limit is ${MAX_TEXT_ATTACHMENT}`,
		);
	}
	if (attachment.linkUrl) {
		const problem = publicUrlProblem(attachment.linkUrl, 'Text Attachment Link URL');
		if (problem) problems.push(problem);
	}
	if (attachment.styling !== undefined && !Array.isArray(attachment.styling)) {
		problems.push(
			'Text Attachment Styling must be a JSON array of {offset, length, styling_info} ranges',
		);
	}
	return problems;
}

function optionValueProblems(spec: PostSpec, labels: OptionLabels): string[] {
	const { options } = spec;
	const problems: string[] = [];
	if (options.altText !== undefined && codePoints(options.altText) > MAX_ALT_TEXT) {
		problems.push(
			`Alt Text is ${codePoints(options.altText)} characters long; the limit is ${MAX_ALT_TEXT}`,
		);
	}
	for (const key of ['replyToId', 'quotePostId', 'locationId'] as const) {
		const value = options[key];
		const problem = value ? numericIdProblem(value, labels[key]) : undefined;
		if (problem) problems.push(problem);
	}
	if (
		options.replyControl &&
		!(REPLY_CONTROLS as readonly string[]).includes(options.replyControl)
	) {
		problems.push(`Reply Control must be one of ${REPLY_CONTROLS.join(', ')}`);
	}
	if (options.linkAttachment) {
		const problem = publicUrlProblem(options.linkAttachment, 'Link Attachment');
		if (problem) problems.push(problem);
	}
	if (options.topicTag !== undefined && options.topicTag !== '') {
		problems.push(...topicTagProblems(options.topicTag));
	}
	if (options.pollOptions && isSet(options.pollOptions)) {
		problems.push(...pollProblems(options.pollOptions));
	}
	if (options.gifId !== undefined && options.gifId !== '' && /\s/.test(options.gifId)) {
		problems.push('GIF ID must be a GIPHY GIF ID without spaces');
	}
	problems.push(...spoilerProblems(options.textSpoilers, spec.text ?? ''));
	problems.push(...textAttachmentProblems(options.textAttachment));
	for (const code of options.allowlistedCountries ?? []) {
		if (!/^[A-Z]{2}$/.test(code)) {
			problems.push(
				`Allowlisted Countries must be ISO 3166-1 alpha-2 codes such as US or DE, got "${code.slice(0, 20)}"`,
			);
			break;
		}
	}
	return problems;
}

function textRuleProblems(spec: PostSpec): string[] {
	const { options } = spec;
	const text = spec.text ?? '';
	const problems: string[] = [];
	if (spec.isCarouselItem && text !== '') {
		problems.push(
			'Text cannot be set on a carousel item: set it on the carousel container instead',
		);
	}
	if (
		spec.mediaType === 'TEXT' &&
		text.trim() === '' &&
		!options.linkAttachment &&
		!options.textAttachment &&
		!options.gifId
	) {
		problems.push(
			'Text is required for a text post (unless it has a Link Attachment, Text Attachment or GIF)',
		);
	}
	problems.push(...textProblems(text, 'Text'));
	const links = uniqueLinks([text, options.linkAttachment, options.textAttachment?.linkUrl]).size;
	if (links > MAX_LINKS && !problems.some((problem) => problem.includes('links;'))) {
		problems.push(
			`Text and Link Attachment together contain ${links} different links; Threads allows at most ${MAX_LINKS} per post`,
		);
	}
	return problems;
}

/** Every rule broken by a post or container specification; empty when Threads should accept it. */
/** Every rule of Meta's the post breaks, each naming the field as the node's version shows it. */
export function postProblems(spec: PostSpec, labels: OptionLabels = OPTION_LABELS): string[] {
	if (!['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'].includes(spec.mediaType)) {
		return [`Media Type must be one of TEXT, IMAGE, VIDEO or CAROUSEL, got "${spec.mediaType}"`];
	}
	return [
		...textRuleProblems(spec),
		...mediaProblems(spec),
		...optionPlacementProblems(spec, labels),
		...exclusionProblems(spec.options, labels),
		...optionValueProblems(spec, labels),
	];
}

export function waitProblems(wait: WaitSettings): string[] {
	const problems: string[] = [];
	if (!(wait.maxWaitMs >= 1000 && wait.maxWaitMs <= MAX_WAIT_LIMIT_MS)) {
		problems.push(
			'Max Wait must be between 1 and 86400 seconds (containers expire after 24 hours)',
		);
	}
	if (
		!Number.isInteger(wait.concurrency) ||
		wait.concurrency < 1 ||
		wait.concurrency > MAX_CONCURRENCY
	) {
		problems.push(`Concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
	}
	return problems;
}

/** The option labels of the node's version: version 2 picks ids with resource locators. */
export function optionLabelsOf(context: IExecuteFunctions): OptionLabels {
	return context.getNode().typeVersion >= 2 ? LOCATOR_OPTION_LABELS : OPTION_LABELS;
}

/** Raises the first problem as the item's error (nothing has been sent yet), listing the others. */
export function assertNoProblems(
	context: IExecuteFunctions,
	problems: string[],
	itemIndex: number,
): void {
	if (problems.length === 0) return;
	const others = problems.slice(1);
	throw new NodeOperationError(context.getNode(), problems[0], {
		itemIndex,
		description: `Nothing was sent to Threads.${others.length ? ` Also: ${others.join('. ')}.` : ''}`,
	});
}

/** Refuses, before any request, a post that breaks Meta's rules or a wait out of bounds. */
export function assertPublishable(
	context: IExecuteFunctions,
	spec: PostSpec,
	wait: WaitSettings,
	itemIndex: number,
): void {
	assertNoProblems(
		context,
		[...postProblems(spec, optionLabelsOf(context)), ...waitProblems(wait)],
		itemIndex,
	);
}
