import { breaksOf, hardBreaks, prefixLengths, protectedSpans } from './textBreaks';
import {
	MAX_TEXT_LENGTH,
	linkSpans,
	normalizeLink,
	threadsTextLength,
	uniqueLinks,
} from './textLimits';

/**
 * Text too long for one post, cut to fit: at the last word break (or, in Chinese and Japanese,
 * between characters) that leaves room for the ellipsis, never inside a link, @mention or
 * #hashtag. keepLink is a link the post must show in its text (when it is not the link
 * attachment): kept when the cut text still holds it, else put after the ellipsis on its own
 * paragraph ("…\n\nhttps://…"). Lengths are counted as Threads counts them. The number of links
 * is not limited here: call limitLinks first, with keepLink as its linkAttachment.
 */
export interface ShortenToFitOptions {
	maxLength?: number;
	keepLink?: string;
	ellipsis?: string;
}

/** Ends the kept text cleanly: no dangling comma or dash, and a space between a final link and the ellipsis. */
function finish(kept: string, ellipsis: string): string {
	const spans = linkSpans(kept);
	const endsWithLink = spans.length > 0 && spans[spans.length - 1].end === kept.length;
	// Only punctuation the link counter leaves out of a link may go from a final link ("-" is part of it).
	const trimmed = kept.replace(endsWithLink ? /[.,;:]+$/ : /[\s,;:.\-–—、。，]+$/, '');
	// The link counter reads up to the next space, so an ellipsis written against a link would join it.
	return endsWithLink && ellipsis ? `${trimmed} ` : trimmed;
}

/** The longest start of `text` that fits `room` once finished, cut at a break, else inside the first word. */
function keptStart(text: string, room: number, ellipsis: string): string {
	const spans = protectedSpans(text);
	const breaks = breaksOf(text, spans);
	const lengths = prefixLengths(text);
	let kept: string | undefined;
	for (const cut of breaks) {
		// Finishing drops a few characters at most: starts a little longer than the room may still fit.
		if (lengths[cut.end] > room + 8) break;
		const candidate = finish(text.slice(0, cut.end), ellipsis);
		if (candidate && threadsTextLength(candidate) <= room) kept = candidate;
	}
	if (kept !== undefined) return kept;
	for (const position of hardBreaks(text, 0, breaks[0].end, spans).reverse()) {
		const candidate = finish(text.slice(0, position), ellipsis);
		if (candidate && threadsTextLength(candidate) <= room) return candidate;
	}
	const blocking = spans.find((span) => span.start === 0)?.token ?? text.split(/\s/)[0];
	throw new Error(
		`shortenToFit: "${blocking.slice(0, 60)}" cannot be cut and does not fit in ${room} characters`,
	);
}

/**
 * Enough of the text to find the cut in: any start longer than this counts more than `room` (a code
 * point counts at least 1 and takes at most 2 UTF-16 units). It ends after a whole whitespace run and
 * a whole character, so the breaks inside it are the text's own.
 */
function startOf(text: string, room: number): string {
	let end = Math.min(text.length, 2 * room + 2);
	while (end < text.length && (/\s/.test(text[end - 1]) || /[\ud800-\udbff]/.test(text[end - 1])))
		end++;
	return text.slice(0, end);
}

/** The text cut at a word boundary with an ellipsis to fit maxLength (500), keepLink kept in it; unchanged when it fits. */
export function shortenToFit(text: string, options: ShortenToFitOptions = {}): string {
	const maxLength = options.maxLength ?? MAX_TEXT_LENGTH;
	if (!Number.isInteger(maxLength) || maxLength < 1) {
		throw new Error(
			`shortenToFit: maxLength must be a whole number of at least 1, got ${maxLength}`,
		);
	}
	const ellipsis = options.ellipsis ?? '…';
	const keepLink = options.keepLink?.trim() || undefined;
	const holdsLink = (candidate: string) =>
		keepLink === undefined || uniqueLinks([candidate]).has(normalizeLink(keepLink));
	if (threadsTextLength(text) <= maxLength && holdsLink(text)) return text;

	const body = text.trim();
	const tail = keepLink === undefined ? '' : body === '' ? keepLink : `\n\n${keepLink}`;
	if (threadsTextLength(body + tail) <= maxLength) return body + tail;

	const room = maxLength - threadsTextLength(ellipsis) - threadsTextLength(tail);
	if (room < 1) {
		throw new Error(
			`shortenToFit: maxLength ${maxLength} leaves no room for text beside the ellipsis${keepLink ? ' and the kept link' : ''}`,
		);
	}
	const kept = keptStart(startOf(body, room), room, ellipsis);
	return kept + ellipsis + (holdsLink(kept) ? '' : tail);
}
