export const MAX_TEXT_LENGTH = 500;
export const MAX_LINKS = 5;

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const ZERO_WIDTH_JOINER = 0x200d;
const VARIATION_SELECTOR_16 = 0xfe0f;
const COMBINING_KEYCAP = 0x20e3;

/** Emoji and the pieces emoji sequences are built from (flags, tags, skin tones, joiners, keycaps). */
function isEmojiPart(character: string, codePoint: number): boolean {
	return (
		PICTOGRAPHIC.test(character) ||
		(codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff) ||
		(codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) ||
		// Tag characters spell subdivision flags (England, Scotland, Wales) after a black flag.
		(codePoint >= 0xe0020 && codePoint <= 0xe007f) ||
		codePoint === ZERO_WIDTH_JOINER ||
		codePoint === VARIATION_SELECTOR_16 ||
		codePoint === COMBINING_KEYCAP
	);
}

function utf8Length(codePoint: number): number {
	if (codePoint < 0x80) return 1;
	if (codePoint < 0x800) return 2;
	if (codePoint < 0x10000) return 3;
	return 4;
}

/** Length as Threads counts it: one per character, but emoji (and their joiners) by UTF-8 byte length. */
export function threadsTextLength(text: string): number {
	let length = 0;
	for (const character of text) {
		const codePoint = character.codePointAt(0) ?? 0;
		length += isEmojiPart(character, codePoint) ? utf8Length(codePoint) : 1;
	}
	return length;
}

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/** The same link written differently (scheme, www., trailing slash or punctuation) counts once. */
export function normalizeLink(link: string): string {
	return link
		.replace(/[.,;:!?)\]}]+$/, '')
		.replace(/^https?:\/\//i, '')
		.replace(/^www\./i, '')
		.replace(/\/$/, '')
		.toLowerCase();
}

/** Unique links across every text of a post (text, link attachment, text attachment link). */
export function uniqueLinks(texts: Array<string | undefined>): Set<string> {
	const links = new Set<string>();
	for (const text of texts) {
		if (!text) continue;
		for (const link of text.match(LINK) ?? []) links.add(normalizeLink(link));
	}
	return links;
}

/** Every link the counter sees, as written (trailing punctuation included), with where it starts and ends. */
export function linkSpans(text: string): Array<{ link: string; start: number; end: number }> {
	return [...text.matchAll(LINK)].map((match) => ({
		link: match[0],
		start: match.index ?? 0,
		end: (match.index ?? 0) + match[0].length,
	}));
}

export function countLinks(text: string): number {
	return uniqueLinks([text]).size;
}

/** Text problems Meta would reject, as messages naming the field and the rule; empty when the text is fine. */
export function textProblems(text: string, field: string): string[] {
	const problems: string[] = [];
	const length = threadsTextLength(text);
	if (length > MAX_TEXT_LENGTH) {
		problems.push(
			`${field} is ${length} characters long as Threads counts them (emoji count by UTF-8 length); the limit is ${MAX_TEXT_LENGTH}`,
		);
	}
	const links = countLinks(text);
	if (links > MAX_LINKS) {
		problems.push(`${field} contains ${links} links; Threads allows at most ${MAX_LINKS}`);
	}
	return problems;
}
