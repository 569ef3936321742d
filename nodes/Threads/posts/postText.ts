import { cleanHtml } from './feedHtml';
import { trimLinkPunctuation } from './feedLinks';
import { shortenToFit } from './fitText';
import { limitLinks } from './linkLimit';
import { MAX_LINKS, MAX_TEXT_LENGTH, linkSpans, threadsTextLength } from './textLimits';
import { splitIntoThread } from './threadSplit';

/**
 * Raw text (from a feed or an AI node) made into a post's text with the choices of a publishing
 * operation's options, in this order: Clean HTML (tags out, entities decoded, blocks as line
 * breaks; links kept as text, or left out with the first one as the link attachment), More Than 5
 * Links (Keep First 5: the link attachment or else the link the text ends with, and the first others;
 * the rest written as plain text no link counter counts), then When Text Is
 * Too Long (Shorten at a word break with an ellipsis, keeping the link the text ends with unless a
 * link attachment carries it; Split Into a Thread). Fail leaves the text to the post rules, which
 * refuse it with the count and the limit, so the defaults change nothing. Errors are plain Errors
 * whose message names the option and the rule.
 */

export type WhenTooLong = 'fail' | 'shorten' | 'split';
export type HtmlLinks = 'keepAsText' | 'moveToAttachment';
export type MoreLinks = 'fail' | 'keepFirst';

export interface TextChoices {
	whenTooLong: WhenTooLong;
	cleanHtml: boolean;
	htmlLinks: HtmlLinks;
	moreLinks: MoreLinks;
	/** Split: "n/N" on its own line at the end of each part. */
	numbering: 'none' | 'slash';
}

export const DEFAULT_TEXT_CHOICES: TextChoices = {
	whenTooLong: 'fail',
	cleanHtml: false,
	htmlLinks: 'keepAsText',
	moreLinks: 'fail',
	numbering: 'none',
};

/** What was done to the text, as the output's `textAdjusted` lists it. */
export type TextAdjustment =
	| 'cleaned'
	| 'linkAttached'
	| 'linksAsPlainText'
	| 'shortened'
	| 'split';

export interface PostTextInput {
	text: string;
	/** The Link Attachment the user set, if any: kept, counted with the text's links, used as the base URL. */
	linkAttachment?: string;
	/** Whether this post may carry a link attachment (a text post without Poll or Text Attachment). */
	canAttachLink: boolean;
	/** The room for the text (default a post's 500), less when a thread part's number follows it. */
	maxLength?: number;
}

export interface FittedText {
	/** The post's text; with a split, the first part's. */
	text: string;
	/** Split Into a Thread: every part in order, the root first (only when there are two or more). */
	parts?: string[];
	linkAttachment?: string;
	adjusted: TextAdjustment[];
}

export function isDefaultChoice(choices: TextChoices): boolean {
	return choices.whenTooLong === 'fail' && !choices.cleanHtml && choices.moreLinks === 'fail';
}

/** The link the text ends with ("... Read more: https://..."), to keep when the text is shortened. */
export function trailingLink(text: string): string | undefined {
	const trimmed = text.trimEnd();
	const spans = linkSpans(trimmed);
	const last = spans[spans.length - 1];
	if (!last || last.end !== trimmed.length) return undefined;
	return trimLinkPunctuation(last.link);
}

/** run's result; its error's message (without the tool's "name: ") after `context` otherwise. */
function explained<T>(context: string, run: () => T): T {
	let failure: unknown;
	try {
		return run();
	} catch (error) {
		failure = error;
	}
	const reason = failure instanceof Error ? failure.message : String(failure);
	const plain = reason
		.replace(/^\w+: /, '')
		.replace(/\bmaxLength (\d+)/, 'a post of $1 characters');
	throw new Error(`${context}: ${plain}`);
}

function cleaned(input: PostTextInput, choices: TextChoices, adjusted: TextAdjustment[]) {
	const html = cleanHtml(input.text, {
		links: choices.htmlLinks,
		baseUrl: input.linkAttachment,
	});
	if (html.text !== input.text) adjusted.push('cleaned');
	let linkAttachment = input.linkAttachment;
	if (choices.htmlLinks === 'moveToAttachment' && !linkAttachment && html.firstLink) {
		if (!input.canAttachLink) {
			throw new Error(
				'Links in HTML is "Use First as Link Attachment", but this post cannot have a Link Attachment (only text posts without a Poll or Text Attachment can): choose "Keep as Text"',
			);
		}
		linkAttachment = html.firstLink;
		adjusted.push('linkAttached');
	}
	return { text: html.text, linkAttachment };
}

function split(text: string, choices: TextChoices, linkAttachment?: string): string[] {
	return explained(
		'Text cannot be split into a thread (When Text Is Too Long: Split Into a Thread)',
		() =>
			splitIntoThread(text, {
				maxLength: MAX_TEXT_LENGTH,
				numbering: choices.numbering,
				// The root carries the link attachment, which counts toward its links.
				maxLinksPerPart: linkAttachment ? MAX_LINKS - 1 : MAX_LINKS,
			}),
	);
}

function shortened(text: string, maxLength: number, linkAttachment?: string): string {
	return explained(
		`Text cannot be shortened to ${maxLength} characters (When Text Is Too Long: Shorten)`,
		() =>
			shortenToFit(text, {
				maxLength,
				keepLink: linkAttachment ? undefined : trailingLink(text),
			}),
	);
}

/** The post's text (or thread parts) from raw text and the options' choices; see the module comment. */
export function fitPostText(input: PostTextInput, choices: TextChoices): FittedText {
	const adjusted: TextAdjustment[] = [];
	const start = choices.cleanHtml
		? cleaned(input, choices, adjusted)
		: { text: input.text, linkAttachment: input.linkAttachment };
	const { linkAttachment } = start;
	let { text } = start;
	const tooLong = threadsTextLength(text) > MAX_TEXT_LENGTH;
	if (choices.whenTooLong === 'split' && tooLong) {
		const parts = split(text, choices, linkAttachment);
		if (parts.length > 1) {
			adjusted.push('split');
			return { text: parts[0], parts, linkAttachment, adjusted };
		}
		text = parts[0] ?? '';
	}
	if (choices.moreLinks === 'keepFirst') {
		// Kept first: the link attachment, else the link the text ends with (the one Shorten keeps).
		const first = linkAttachment ?? trailingLink(text);
		const limited = limitLinks(text, { mode: 'keepFirst', linkAttachment: first });
		if (limited.dropped.length > 0) adjusted.push('linksAsPlainText');
		text = limited.text;
	}
	if (choices.whenTooLong === 'shorten') {
		// Counted again: plain-text links are not as long as the links they were.
		const short = shortened(text, input.maxLength ?? MAX_TEXT_LENGTH, linkAttachment);
		if (short !== text) adjusted.push('shortened');
		text = short;
	}
	return { text, linkAttachment, adjusted };
}
