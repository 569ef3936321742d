/**
 * Collects the visible text of an HTML document: words joined by single spaces, line and
 * paragraph breaks asked for by elements, list prefixes. Breaks never pile up: a paragraph is
 * separated from the next by exactly one blank line, and none lead or trail.
 */

export const LINE = 1;
export const PARAGRAPH = 2;

/** Invisible characters that would only lengthen a post: zero-width space, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;

export class PlainTextBuilder {
	// Chunks, not one growing string: reading the end of a string built by += would copy it each time.
	private readonly chunks: string[] = [];
	/** The last character written; empty while nothing is. */
	private last = '';
	private pendingBreak = 0;
	private prefix = '';
	private spaceIfWordFollows = false;

	/** A line or paragraph break before the next text; a <br> adds to one already asked for. */
	lineBreak(level: number, additive = false): void {
		// An item's own paragraphs (<li><p>) start on the item's line.
		if (this.prefix) return;
		this.pendingBreak = Math.min(
			PARAGRAPH,
			additive ? this.pendingBreak + level : Math.max(this.pendingBreak, level),
		);
	}

	/** A list item: a new line starting with the prefix ("• ", "2. "); items after the first follow on the next line. */
	listItem(prefix: string, first: boolean): void {
		if (first) this.lineBreak(LINE);
		else if (this.last) this.pendingBreak = LINE;
		this.prefix = prefix;
	}

	/** Text whose whitespace is collapsed into single spaces. */
	text(raw: string): void {
		const text = raw.replace(INVISIBLE, '').replace(/\s+/g, ' ');
		if (text.trim() === '') {
			if (text && this.last && !this.pendingBreak && !this.prefix) this.write(' ');
			return;
		}
		this.flushBreak();
		if (this.spaceIfWordFollows && !/^[\s.,;:!?)\]}]/.test(text)) this.write(' ');
		this.spaceIfWordFollows = false;
		this.write(text);
	}

	/** Text whose line breaks are kept (preformatted text); spaces are still collapsed. */
	preformatted(raw: string): void {
		raw
			.replace(/\r\n?/g, '\n')
			.split('\n')
			.forEach((line, index) => {
				if (index > 0) this.lineBreak(LINE, true);
				this.text(line);
			});
	}

	/** A URL that must stay apart from a word that follows it, or the link would take the word in. */
	url(url: string): void {
		if (this.last && !this.pendingBreak && !this.prefix && !/[\s([{"'“‘「『（]/.test(this.last)) {
			this.write(' ');
		}
		this.text(url);
		this.spaceIfWordFollows = true;
	}

	private flushBreak(): void {
		if (this.last && this.pendingBreak) {
			this.write('\n'.repeat(this.pendingBreak));
			this.spaceIfWordFollows = false;
		}
		this.pendingBreak = 0;
		this.write(this.prefix);
		this.prefix = '';
	}

	private write(text: string): void {
		if (!text) return;
		this.chunks.push(text);
		this.last = text.slice(-1);
	}

	/** The text: single spaces, no space at either end of a line, at most one blank line in a row. */
	result(): string {
		return this.chunks
			.join('')
			.replace(/[^\S\n]+/g, ' ')
			.replace(/ *\n */g, '\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim();
	}
}
