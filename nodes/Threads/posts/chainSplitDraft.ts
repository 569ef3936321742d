import { MAX_LINKS, MAX_TEXT_LENGTH, countLinks, threadsTextLength } from './textLimits';

/**
 * A stand-in for posts/threadSplit.ts (being written on another branch), with the same signature
 * and numbering ("\n2/5" on its own line, none for a single part): to be deleted once that file is
 * merged. Greedy: paragraphs, then sentences, then words, each part within the length and link
 * limits; a word is never cut, and one longer than a post is an error.
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
		// A sentence ends at . ! ? followed by a space (so never inside a link).
		const sentences = trimmed.split(/(?<=[.!?])\s+/);
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
		const length = threadsTextLength(piece.text);
		if (length > room) {
			const kind = /^[@#]/.test(piece.text) ? 'A word' : 'A link';
			throw new Error(
				`${kind} cannot be split across posts, and "${piece.text.slice(0, 60)}…" is ${length} characters long as Threads counts them; a post holds ${room}`,
			);
		}
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
	const plain = pack(text, maxLength, maxLinks);
	if (options.numbering !== 'slash' || plain.length < 2) return plain;
	// Room for "\nn/N": guess N's width, and pack again if the count outgrows it.
	for (let digits = String(plain.length).length; ; digits++) {
		const parts = pack(text, maxLength - (2 + 2 * digits), maxLinks);
		if (String(parts.length).length <= digits) {
			return parts.map((part, index) => `${part}\n${index + 1}/${parts.length}`);
		}
	}
}
