import {
	type Break,
	END,
	HARD,
	type Span,
	breaksOf,
	hardBreaks,
	prefixLengths,
	protectedSpans,
	spanAround,
} from './textBreaks';
import { MAX_LINKS, MAX_TEXT_LENGTH, countLinks, threadsTextLength } from './textLimits';

/**
 * Long text as a chain of posts (a thread). Each part holds at most maxLength characters as
 * Threads counts them (its number included) and maxLinksPerPart links as the link counter counts
 * them. A part ends at its last paragraph break, else its last line break, sentence end or word
 * break (looking first among the breaks that fill a third of the part). A word longer than a post
 * is cut between characters, never inside an emoji; a link, @mention or #hashtag is never cut,
 * and one longer than a post is an error. Sentences end at . ! ? … and, in Chinese and Japanese,
 * at 。！？, where no space is needed; those scripts may also be cut between two characters.
 * numbering 'slash' puts "2/5" on its own line at the end of each part ("\n2/5"); a text that fits
 * one post gets no number. Joined back, the parts are the text, whitespace aside.
 */
export interface SplitIntoThreadOptions {
	maxLength?: number;
	numbering?: 'none' | 'slash';
	maxLinksPerPart?: number;
}

interface Plan {
	text: string;
	lengths: number[];
	breaks: Break[];
	spans: Span[];
	maxLength: number;
	maxLinks: number;
}

const suffix = (index: number, total: number) => `\n${index}/${total}`;

function positiveInteger(value: number, name: string): number {
	if (!Number.isInteger(value) || value < 1) {
		throw new Error(`splitIntoThread: ${name} must be a whole number of at least 1, got ${value}`);
	}
	return value;
}

/** The error for a start that no cut fits: a token (or an emoji sequence) longer than a part. */
function tooLongToken(plan: Plan, start: number, reserve: number): Error {
	let position = start;
	while (
		position < plan.text.length &&
		plan.lengths[position] - plan.lengths[start] + reserve <= plan.maxLength
	) {
		position++;
	}
	const numbered = reserve > 0 ? ` (${reserve} of them taken by the part number)` : '';
	const span = spanAround(plan.spans, position);
	if (!span) {
		return new Error(
			`An emoji sequence cannot be split across posts, and the one at "${plan.text.slice(start, start + 20)}" does not fit in a post of ${plan.maxLength}${numbered}`,
		);
	}
	const kinds: Record<string, string> = { '@': 'An @mention', '#': 'A #hashtag' };
	const kind = kinds[span.token[0]] ?? 'A link';
	const shown = span.token.length > 60 ? `${span.token.slice(0, 60)}…` : span.token;
	return new Error(
		`${kind} cannot be split across posts, and "${shown}" is ${threadsTextLength(span.token)} characters long as Threads counts them; a post holds ${plan.maxLength}${numbered}`,
	);
}

/** Where the part starting at `start` ends: the best break that fits, else a cut inside the word. */
function partEnd(plan: Plan, start: number, reserve: number): Break {
	if (reserve >= plan.maxLength) {
		throw new Error(
			`splitIntoThread: maxLength ${plan.maxLength} leaves no room for text beside the part number`,
		);
	}
	const fits = (end: number) =>
		plan.lengths[end] - plan.lengths[start] + reserve <= plan.maxLength &&
		countLinks(plan.text.slice(start, end)) <= plan.maxLinks;
	// A heading or a one-line intro alone would make a near-empty post: the best break is looked
	// for among those that fill a third of the part, when there are any.
	const filled = (plan.maxLength - reserve) / 3;
	let best: Break | undefined;
	let bestFilled: Break | undefined;
	let firstAfter: Break | undefined;
	for (const cut of plan.breaks) {
		if (cut.end <= start) continue;
		if (!fits(cut.end)) {
			firstAfter = cut;
			break;
		}
		if (!best || cut.kind >= best.kind) best = cut;
		const length = plan.lengths[cut.end] - plan.lengths[start];
		if (length >= filled && (!bestFilled || cut.kind >= bestFilled.kind)) bestFilled = cut;
		if (cut.kind === END) break;
	}
	const chosen = bestFilled ?? best;
	if (chosen) return chosen;
	const wordEnd = firstAfter?.end ?? plan.text.length;
	const hard = hardBreaks(plan.text, start, wordEnd, plan.spans).filter(fits).pop();
	if (hard === undefined) throw tooLongToken(plan, start, reserve);
	return { end: hard, next: hard, kind: HARD };
}

/** The parts, each leaving room for the number `reserveFor(index)` (1-based) takes. */
function cut(plan: Plan, reserveFor: (index: number) => number): string[] {
	const parts: string[] = [];
	let start = 0;
	while (start < plan.text.length) {
		const end = partEnd(plan, start, reserveFor(parts.length + 1));
		parts.push(plan.text.slice(start, end.end));
		start = end.next;
	}
	return parts;
}

/** The text as thread parts, each within the length and link limits as Threads counts them; [] for blank text. */
export function splitIntoThread(text: string, options: SplitIntoThreadOptions = {}): string[] {
	const maxLength = positiveInteger(options.maxLength ?? MAX_TEXT_LENGTH, 'maxLength');
	const maxLinks = positiveInteger(options.maxLinksPerPart ?? MAX_LINKS, 'maxLinksPerPart');
	const trimmed = text.trim();
	if (trimmed === '') return [];
	const spans = protectedSpans(trimmed);
	const plan: Plan = {
		text: trimmed,
		lengths: prefixLengths(trimmed),
		breaks: breaksOf(trimmed, spans),
		spans,
		maxLength,
		maxLinks,
	};
	let parts = cut(plan, () => 0);
	if (options.numbering !== 'slash' || parts.length === 1) return parts;
	// Numbers lengthen the parts, which may take more parts, which may lengthen the numbers.
	let total = parts.length;
	for (;;) {
		const assumed = total;
		parts = cut(plan, (index) => threadsTextLength(suffix(index, assumed)));
		if (parts.length <= assumed) break;
		total = parts.length;
	}
	return parts.map((part, index) => part + suffix(index + 1, parts.length));
}
