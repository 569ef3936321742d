/**
 * Splits HTML into text, start tags and end tags, forgiving the way browsers are: comments,
 * doctypes and processing instructions vanish, CDATA sections are unwrapped (feeds put HTML in
 * them), script and style bodies are skipped whole, a "<" that starts no tag is text, and a tag
 * cut off by the end of the input is dropped. Text and attribute values come out still encoded.
 */

export type HtmlToken =
	| { kind: 'text'; raw: string }
	| { kind: 'start'; name: string; attributes: Record<string, string> }
	| { kind: 'end'; name: string };

/** Elements whose content is not HTML: skipped up to their end tag (or the end of the input). */
const RAW_TEXT = new Set(['script', 'style']);

const TAG_NAME = /([A-Za-z][A-Za-z0-9:-]*)/y;
const ATTRIBUTE_NAME = /[^\s/>="']+|["']/y;
const SPACE = /[\s/]*/y;

function readSticky(pattern: RegExp, html: string, at: number): string | undefined {
	pattern.lastIndex = at;
	return pattern.exec(html)?.[0];
}

interface ParsedTag {
	name: string;
	attributes: Record<string, string>;
	end: number;
}

function readValue(html: string, at: number): { value: string; end: number } {
	const quote = html[at];
	if (quote === '"' || quote === "'") {
		const close = html.indexOf(quote, at + 1);
		// An unclosed quote: the value runs to the next ">" rather than swallowing the rest of the input.
		const stop = close >= 0 ? close : html.indexOf('>', at + 1);
		if (stop < 0) return { value: html.slice(at + 1), end: html.length };
		return { value: html.slice(at + 1, stop), end: close >= 0 ? stop + 1 : stop };
	}
	let end = at;
	while (end < html.length && !/[\s>]/.test(html[end])) end++;
	return { value: html.slice(at, end), end };
}

/** A tag's name and attributes from just after "<" or "</"; undefined when the input ends inside it. */
function readTag(html: string, at: number): ParsedTag | undefined {
	const name = readSticky(TAG_NAME, html, at) ?? '';
	const attributes: Record<string, string> = {};
	let position = at + name.length;
	while (position < html.length) {
		position += (readSticky(SPACE, html, position) ?? '').length;
		if (html[position] === '>') return { name: name.toLowerCase(), attributes, end: position + 1 };
		const attribute = readSticky(ATTRIBUTE_NAME, html, position);
		if (attribute === undefined) break;
		position += attribute.length;
		position += (readSticky(/\s*/y, html, position) ?? '').length;
		let value = '';
		if (html[position] === '=') {
			position += 1 + (readSticky(/\s*/y, html, position + 1) ?? '').length;
			const read = readValue(html, position);
			value = read.value;
			position = read.end;
		}
		const key = attribute.toLowerCase();
		if (!(key in attributes)) attributes[key] = value;
	}
	return undefined;
}

/** Where a construct that runs to `terminator` ends (after it), or the end of the input. */
function skipPast(html: string, at: number, terminator: string): number {
	const found = html.indexOf(terminator, at);
	return found < 0 ? html.length : found + terminator.length;
}

function skipRawText(html: string, name: string, at: number): number {
	const close = html.toLowerCase().indexOf(`</${name}`, at);
	return close < 0 ? html.length : skipPast(html, close, '>');
}

/** The HTML as tokens; CDATA sections count as the HTML they hold. */
export function scanHtml(input: string): HtmlToken[] {
	const html = input.replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1');
	const tokens: HtmlToken[] = [];
	let text = '';
	const flushText = () => {
		if (text) tokens.push({ kind: 'text', raw: text });
		text = '';
	};
	let position = 0;
	while (position < html.length) {
		const open = html.indexOf('<', position);
		if (open < 0) {
			text += html.slice(position);
			break;
		}
		text += html.slice(position, open);
		const next = html[open + 1] ?? '';
		if (html.startsWith('<!--', open)) {
			position = skipPast(html, open + 4, '-->');
		} else if (next === '!' || next === '?') {
			position = skipPast(html, open + 2, '>');
		} else if (/[A-Za-z]/.test(next) || (next === '/' && /[A-Za-z]/.test(html[open + 2] ?? ''))) {
			const closing = next === '/';
			const tag = readTag(html, open + (closing ? 2 : 1));
			if (!tag) break;
			flushText();
			tokens.push(
				closing
					? { kind: 'end', name: tag.name }
					: { kind: 'start', name: tag.name, attributes: tag.attributes },
			);
			position =
				!closing && RAW_TEXT.has(tag.name) ? skipRawText(html, tag.name, tag.end) : tag.end;
		} else {
			text += '<';
			position = open + 1;
		}
	}
	flushText();
	return tokens;
}
