import { MAX_LINKS, MAX_TEXT_LENGTH, countLinks, threadsTextLength } from './textLimits';

/**
 * A stand-in for posts/threadSplit.ts (being written on another branch), with the same signature:
 * to be deleted once that file is merged. Greedy: paragraphs, then sentences, then words, each part
 * within the length and link limits; a word (so a link, mention or hashtag) is never cut.
 */

export interface SplitOptions {
	maxLength?: number;
	numbering?: 'none' | 'slash';
	maxLinksPerPart?: number;
}

function pieces(text: string, maxLength: number): Array<{ text: string; glue: string }> {
	const out: Array<{ text: string; glue: string }> = [];
	for (const paragraph of text.split(/\n\s*\n/)) {
		const trimmed = paragraph.trim();
		if (!trimmed) continue;
		if (threadsTextLength(trimmed) <= maxLength) {
			out.push({ text: trimmed, glue: '\n\n' });
			continue;
		}
		const sentences = trimmed.match(/[^.!?]+(?:[.!?]+|$)\s*/g) ?? [trimmed];
		sentences.forEach((sentence, index) => {
			const glue = index === 0 ? '\n\n' : ' ';
			if (threadsTextLength(sentence.trim()) <= maxLength) {
				out.push({ text: sentence.trim(), glue });
				return;
			}
			sentence
				.trim()
				.split(/\s+/)
				.forEach((word, w) => out.push({ text: word, glue: w === 0 ? glue : ' ' }));
		});
	}
	return out;
}

function pack(text: string, room: number, maxLinks: number): string[] {
	const parts: string[] = [];
	let current = '';
	for (const piece of pieces(text, room)) {
		const joined = current ? `${current}${piece.glue}${piece.text}` : piece.text;
		if (current && (threadsTextLength(joined) > room || countLinks(joined) > maxLinks)) {
			parts.push(current);
			current = piece.text;
		} else {
			current = joined;
		}
	}
	if (current) parts.push(current);
	return parts;
}

export function splitIntoThread(text: string, options: SplitOptions = {}): string[] {
	const maxLength = options.maxLength ?? MAX_TEXT_LENGTH;
	const maxLinks = options.maxLinksPerPart ?? MAX_LINKS;
	if (options.numbering !== 'slash') return pack(text, maxLength, maxLinks);
	// Room for " n/N": guess N's width, and pack again if the count outgrows it.
	for (let digits = 1; ; digits++) {
		const parts = pack(text, maxLength - (2 + 2 * digits), maxLinks);
		if (String(parts.length).length <= digits) {
			return parts.map((part, index) => `${part} ${index + 1}/${parts.length}`);
		}
	}
}
