import { LinkList, absoluteUrl, showsUrl, trimLinkPunctuation } from './feedLinks';
import { decodeEntities, decodeEntitiesTwiceEscaped } from './htmlEntities';
import { type HtmlToken, scanHtml } from './htmlScanner';
import { LINE, PARAGRAPH, PlainTextBuilder } from './plainTextBuilder';
import { linkSpans } from './textLimits';

/**
 * Feed HTML (RSS description or content:encoded, Atom content or summary) made into post text.
 * links: 'keepAsText' writes each link into the text ("anchor text (URL)", or the URL alone when
 * that is all the anchor shows); 'moveToAttachment' writes no URL at all (anchors keep their text)
 * and leaves the links to the caller, the first as the link attachment. Input without any tag is
 * plain text: its own line breaks are kept.
 */
export interface CleanHtmlOptions {
	links?: 'keepAsText' | 'moveToAttachment';
	/** Resolves relative href and src (usually the item's link); without it relative links are dropped. */
	baseUrl?: string;
}

export interface CleanedHtml {
	text: string;
	/** Every http(s) link of the item (anchors and URLs written in the text), in order, once each. */
	links: string[];
	/** links[0]: the link attachment candidate. */
	firstLink?: string;
	/** Image addresses (inline images; emoji images and 1x1 tracking pixels left out), in order. */
	images: string[];
}

const PARAGRAPH_ELEMENTS = new Set(
	'p h1 h2 h3 h4 h5 h6 blockquote pre dl table hr figure section article aside header footer main nav details fieldset form hgroup'.split(
		' ',
	),
);
const LINE_ELEMENTS = new Set(
	'div tr dt dd figcaption caption summary center option legend tbody thead tfoot address'.split(
		' ',
	),
);
/** Elements whose content is never shown as text (fallbacks, embeds, drawings, document head). */
const HIDDEN_ELEMENTS = new Set(
	'head title noscript template svg math iframe object embed video audio canvas select button'.split(
		' ',
	),
);

const ESCAPED_MARKUP =
	/<\/?(?:p|div|br|a|img|span|strong|b|em|i|ul|ol|li|h[1-6]|blockquote)\b[^>]*>/i;

interface OpenList {
	ordered: boolean;
	next: number;
	items: number;
}

interface OpenAnchor {
	url?: string;
	label: PlainTextBuilder;
	/** The anchor's text as written, to keep the spaces at its edges that the label trims. */
	raw: string;
}

/** The text without the given links; a space left before the punctuation that followed a link goes too. */
function withoutLinks(text: string, links: string[]): string {
	let rest = text;
	for (const link of links) {
		const at = rest.indexOf(link);
		if (at < 0) continue;
		const before = rest.slice(0, at);
		const after = rest.slice(at + link.length);
		rest = /^[.,;:!?)]/.test(after) ? before.replace(/\s+$/, '') + after : `${before} ${after}`;
	}
	return rest;
}

class FeedHtmlReader {
	private readonly builder = new PlainTextBuilder();
	private readonly linkList = new LinkList();
	private readonly images: string[] = [];
	private readonly lists: OpenList[] = [];
	private anchor: OpenAnchor | undefined;
	private readonly hidden: string[] = [];
	private preDepth = 0;
	private cellIndex = 0;

	constructor(private readonly options: CleanHtmlOptions) {}

	private get moveLinks(): boolean {
		return this.options.links === 'moveToAttachment';
	}

	read(tokens: HtmlToken[]): CleanedHtml {
		for (const token of tokens) {
			if (this.hidden.length > 0) this.readHidden(token);
			else if (token.kind === 'text') this.readText(decodeEntitiesTwiceEscaped(token.raw));
			else if (token.kind === 'start') this.readStart(token.name, token.attributes);
			else this.readEnd(token.name);
		}
		this.closeAnchor();
		const links = this.linkList.links;
		return { text: this.builder.result(), links, firstLink: links[0], images: this.images };
	}

	private readHidden(token: HtmlToken): void {
		const innermost = this.hidden[this.hidden.length - 1];
		if (token.kind === 'start' && token.name === innermost) this.hidden.push(token.name);
		if (token.kind === 'end' && token.name === innermost) this.hidden.pop();
	}

	/** Text between tags; the URLs written in it are links too (and leave it when links move). */
	private readText(text: string): void {
		const written: string[] = [];
		for (const span of linkSpans(text)) {
			const link = trimLinkPunctuation(span.link);
			const url = absoluteUrl(link);
			if (!url) continue;
			this.linkList.add(url);
			written.push(link);
		}
		const rest = this.moveLinks ? withoutLinks(text, written) : text;
		if (this.anchor) this.anchor.raw += rest;
		if (this.preDepth > 0) this.target().preformatted(rest);
		else this.target().text(rest);
	}

	private readStart(name: string, attributes: Record<string, string>): void {
		const attribute = (key: string) => decodeEntities(attributes[key] ?? '', true);
		if (HIDDEN_ELEMENTS.has(name)) this.hidden.push(name);
		else if (name === 'a') this.openAnchor(attribute('href'));
		else if (name === 'img') this.readImage(attribute);
		else if (name === 'br') this.target().lineBreak(LINE, true);
		else if (name === 'ul' || name === 'ol') this.openList(name === 'ol', attribute('start'));
		else if (name === 'li') this.listItem(attribute('value'));
		else if (name === 'td' || name === 'th') this.tableCell();
		else this.blockBoundary(name, true);
	}

	private readEnd(name: string): void {
		if (name === 'a') this.closeAnchor();
		else if (name === 'ul' || name === 'ol') this.closeList();
		else if (name === 'li') this.target().lineBreak(LINE);
		else this.blockBoundary(name, false);
	}

	private target(): PlainTextBuilder {
		return this.anchor?.label ?? this.builder;
	}

	private blockBoundary(name: string, opening: boolean): void {
		if (name === 'pre') this.preDepth = Math.max(0, this.preDepth + (opening ? 1 : -1));
		if (name === 'tr') this.cellIndex = 0;
		// Inside a list, paragraphs stay on the item's lines: the list keeps one line per item.
		if (PARAGRAPH_ELEMENTS.has(name)) this.target().lineBreak(this.lists.length ? LINE : PARAGRAPH);
		else if (LINE_ELEMENTS.has(name)) this.target().lineBreak(LINE);
	}

	private tableCell(): void {
		if (this.cellIndex > 0) this.target().text(' | ');
		this.cellIndex++;
	}

	private openList(ordered: boolean, start: string): void {
		this.target().lineBreak(this.lists.length === 0 ? PARAGRAPH : LINE);
		const first = parseInt(start, 10);
		this.lists.push({ ordered, next: Number.isFinite(first) ? first : 1, items: 0 });
	}

	private closeList(): void {
		this.lists.pop();
		this.target().lineBreak(this.lists.length === 0 ? PARAGRAPH : LINE);
	}

	private listItem(value: string): void {
		const list = this.lists[this.lists.length - 1];
		const first = !list || list.items++ === 0;
		if (list?.ordered) {
			const given = parseInt(value, 10);
			if (Number.isFinite(given)) list.next = given;
			this.target().listItem(`${list.next++}. `, first);
		} else {
			this.target().listItem('• ', first);
		}
	}

	private readImage(attribute: (key: string) => string): void {
		const classes = attribute('class');
		const alt = attribute('alt');
		if (/\b(?:emoji|wp-smiley)\b/.test(classes) && alt) {
			this.target().text(alt);
			return;
		}
		this.target().text(' ');
		if (attribute('width') === '1' || attribute('height') === '1') return;
		// Lazy-loading pages put a placeholder (often a data: URI) in src and the image in data-src.
		const src = ['src', 'data-src', 'data-lazy-src']
			.map((key) => absoluteUrl(attribute(key), this.options.baseUrl))
			.find((url) => url !== undefined);
		if (src && !this.images.includes(src)) this.images.push(src);
	}

	private openAnchor(href: string): void {
		this.closeAnchor();
		this.anchor = {
			url: absoluteUrl(href, this.options.baseUrl),
			label: new PlainTextBuilder(),
			raw: '',
		};
	}

	/** Writes the anchor out: its text, and its URL unless links move to the attachment. */
	private closeAnchor(): void {
		const anchor = this.anchor;
		if (!anchor) return;
		this.anchor = undefined;
		const label = anchor.label.result().replace(/\s+/g, ' ');
		const url = anchor.url;
		if (url) this.linkList.add(url);
		const showsOnlyUrl = url !== undefined && (label === '' || showsUrl(label, url));
		if (/^\s/.test(anchor.raw)) this.builder.text(' ');
		if (!url || (this.moveLinks && !showsOnlyUrl)) this.builder.text(label);
		else if (this.moveLinks) this.builder.text(' ');
		else if (showsOnlyUrl) this.builder.url(url);
		else if (linkSpans(label).some((span) => absoluteUrl(trimLinkPunctuation(span.link)) === url)) {
			this.builder.text(label);
		} else {
			this.builder.text(label);
			this.builder.url(`(${url})`);
		}
		if (/\s/.test(anchor.raw.slice(-1))) this.builder.text(' ');
	}
}

/** Post text from feed HTML: tags and hidden content removed, entities decoded, blocks as line breaks. */
export function cleanHtml(html: string, options: CleanHtmlOptions = {}): CleanedHtml {
	let tokens = scanHtml(html);
	if (tokens.every((token) => token.kind === 'text')) {
		// HTML escaped once more, as in a raw RSS <description>: the markup shows once decoded.
		const decoded = decodeEntities(html);
		if (ESCAPED_MARKUP.test(decoded)) tokens = scanHtml(decoded);
	}
	if (tokens.every((token) => token.kind === 'text')) {
		const plainText = tokens.map((token) => token.raw).join('');
		tokens = [
			{ kind: 'start', name: 'pre', attributes: {} },
			{ kind: 'text', raw: plainText },
		];
	}
	return new FeedHtmlReader(options).read(tokens);
}
