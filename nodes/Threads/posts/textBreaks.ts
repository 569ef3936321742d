import { linkSpans, threadsTextLength } from './textLimits';

/**
 * Where a post's text may be cut, and how good each place is: between paragraphs, then lines,
 * then sentences, then words. Chinese and Japanese, written without spaces, may be cut after
 * 。！？ (a sentence) or between two characters (a word), never before closing or after opening
 * punctuation. Links (as the link counter finds them), @mentions and #hashtags are never cut.
 */

export const HARD = 0;
export const WORD = 1;
export const SENTENCE = 2;
export const LINE = 3;
export const PARAGRAPH = 4;
export const END = 5;

/** A place to cut: the part before ends at `end`; the text after it resumes at `next` (past the spaces). */
export interface Break {
	end: number;
	next: number;
	kind: number;
}

export interface Span {
	start: number;
	end: number;
	token: string;
}

const MENTION = /(?<![\w@.])@[\w.]*\w/g;
const HASHTAG = /(?<![\w#&])#[\p{L}\p{N}\p{M}_]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_SENTENCE_END = /[。！？．]/;
const SENTENCE_END = /[.!?…。！？．]["'”’»)\]）」』]*$/;
/** Characters a line may not start with (closing punctuation, small kana, the prolonged sound mark). */
const NO_LINE_START =
	/[、。，．！？：；）」』】〉》〕］｝ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)\]}'"”’.,!?:;…]/;
/** Characters a line may not end with (opening punctuation). */
const NO_LINE_END = /[（「『【〈《〔［｛([{'"“‘]/;

/** Links, @mentions and #hashtags: the tokens no cut may go through. */
export function protectedSpans(text: string): Span[] {
	const spans: Span[] = linkSpans(text).map(({ link, start, end }) => ({
		start,
		end,
		token: link,
	}));
	for (const pattern of [MENTION, HASHTAG]) {
		for (const match of text.matchAll(pattern)) {
			const start = match.index ?? 0;
			spans.push({ start, end: start + match[0].length, token: match[0] });
		}
	}
	return spans.sort((a, b) => a.start - b.start);
}

/** The protected token a cut at `position` would go through, if any. */
export function spanAround(spans: Span[], position: number): Span | undefined {
	return spans.find((span) => span.start < position && position < span.end);
}

const inside = (spans: Span[], position: number) => spanAround(spans, position) !== undefined;

function whitespaceBreak(text: string, start: number, end: number): Break {
	const newlines = (text.slice(start, end).match(/\n/g) ?? []).length;
	let kind = WORD;
	if (newlines >= 2) kind = PARAGRAPH;
	else if (newlines === 1) kind = LINE;
	else if (
		SENTENCE_END.test(text.slice(Math.max(0, start - 8), start)) &&
		!/\p{Ll}/u.test(String.fromCodePoint(text.codePointAt(end) ?? 0x20))
	) {
		kind = SENTENCE;
	}
	return { end: start, next: end, kind };
}

/** A cut between two characters with no space between them (Chinese, Japanese), or undefined. */
function cjkBreak(before: string, after: string, position: number): Break | undefined {
	if (!CJK.test(before) && !CJK.test(after)) return undefined;
	if (NO_LINE_START.test(after) || NO_LINE_END.test(before)) return undefined;
	const kind = CJK_SENTENCE_END.test(before) || /[」』）]/.test(before) ? SENTENCE : WORD;
	return { end: position, next: position, kind };
}

/** Every place the text may be cut (word kind or better), in order, ending with the end of the text. */
export function breaksOf(text: string, spans: Span[] = protectedSpans(text)): Break[] {
	const breaks: Break[] = [];
	let previous = '';
	let position = 0;
	while (position < text.length) {
		const character = String.fromCodePoint(text.codePointAt(position) ?? 0);
		if (/\s/.test(character)) {
			let end = position;
			while (end < text.length && /\s/.test(text[end])) end++;
			if (position > 0 && end < text.length) breaks.push(whitespaceBreak(text, position, end));
			previous = '';
			position = end;
			continue;
		}
		const cut = previous ? cjkBreak(previous, character, position) : undefined;
		if (cut && !inside(spans, position)) breaks.push(cut);
		previous = character;
		position += character.length;
	}
	breaks.push({ end: text.length, next: text.length, kind: END });
	return breaks;
}

/** Code points that continue the character before them (marks, joiners, selectors, skin tones, tags). */
function continuesCluster(codePoint: number): boolean {
	return (
		/\p{M}/u.test(String.fromCodePoint(codePoint)) ||
		codePoint === 0x200d ||
		(codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
		(codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
		(codePoint >= 0xe0020 && codePoint <= 0xe007f)
	);
}

const isRegionalIndicator = (codePoint: number) => codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff;

/**
 * Positions in [from, to) where a word too long for one post may be cut: between code points,
 * not inside an emoji sequence or a flag, not inside a protected token.
 */
export function hardBreaks(text: string, from: number, to: number, spans: Span[]): number[] {
	const positions: number[] = [];
	let regionalRun = 0;
	let previous = 0;
	for (let position = from; position < to; ) {
		const codePoint = text.codePointAt(position) ?? 0;
		const allowed =
			position > from &&
			!continuesCluster(codePoint) &&
			previous !== 0x200d &&
			!(isRegionalIndicator(codePoint) && regionalRun % 2 === 1) &&
			!inside(spans, position);
		if (allowed) positions.push(position);
		regionalRun = isRegionalIndicator(codePoint) ? regionalRun + 1 : 0;
		previous = codePoint;
		position += codePoint > 0xffff ? 2 : 1;
	}
	return positions;
}

/** Counted lengths of every prefix, by UTF-16 index, so a slice's length is one subtraction. */
export function prefixLengths(text: string): number[] {
	const lengths = new Array<number>(text.length + 1).fill(0);
	let position = 0;
	for (const character of text) {
		lengths[position + character.length] = lengths[position] + threadsTextLength(character);
		if (character.length === 2) lengths[position + 1] = lengths[position];
		position += character.length;
	}
	return lengths;
}
