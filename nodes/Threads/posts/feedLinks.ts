import { normalizeLink } from './textLimits';

/**
 * Links and image addresses read from feed HTML, made into what a post can use: absolute http(s)
 * URLs that the link counter reads as one link, listed once each.
 */

/** Characters that end a link for the counter: written percent-encoded so the whole URL stays one link. */
const ENDS_A_LINK = /[\s<>"']/g;

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** An absolute http(s) URL for an href or src, resolved against baseUrl when relative; undefined otherwise. */
export function absoluteUrl(reference: string, baseUrl?: string): string | undefined {
	const trimmed = reference.trim();
	let url: string | undefined;
	if (/^https?:\/\/[^\s/]/i.test(trimmed)) url = trimmed;
	else if (/^www\./i.test(trimmed)) url = `https://${trimmed}`;
	// A fragment ("#footnote-1") points inside the page itself: no link to share.
	else if (trimmed && baseUrl && !SCHEME.test(trimmed) && !trimmed.startsWith('#')) {
		try {
			const resolved = new URL(trimmed, baseUrl).href;
			if (/^https?:/i.test(resolved)) url = resolved;
		} catch {
			url = undefined;
		}
	}
	return url?.replace(ENDS_A_LINK, (character) => encodeURIComponent(character));
}

/** A link as written in text, without the punctuation that ends its sentence; brackets it opened stay. */
export function trimLinkPunctuation(link: string): string {
	let trimmed = link;
	for (;;) {
		const last = trimmed.slice(-1);
		if (/[.,;:!?]/.test(last)) trimmed = trimmed.slice(0, -1);
		else if (last === ')' && count(trimmed, '(') < count(trimmed, ')'))
			trimmed = trimmed.slice(0, -1);
		else if (last === ']' && count(trimmed, '[') < count(trimmed, ']'))
			trimmed = trimmed.slice(0, -1);
		else return trimmed;
	}
}

function count(text: string, character: string): number {
	return text.split(character).length - 1;
}

/** True when a link's text only shows its URL ("example.com/page", or shortened "example.com/pa…"). */
export function showsUrl(label: string, url: string): boolean {
	const shown = normalizeLink(label.trim().replace(/(?:…|\.\.\.)$/, ''));
	const target = normalizeLink(url);
	if (shown === target) return true;
	return (
		/[…]$|\.\.\.$/.test(label.trim()) &&
		shown.length > 3 &&
		!/\s/.test(shown) &&
		target.startsWith(shown)
	);
}

/** Links in first-seen order, one per link as the counter tells them apart. */
export class LinkList {
	private readonly seen = new Set<string>();
	readonly links: string[] = [];

	add(link: string): void {
		const key = normalizeLink(link);
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.links.push(link);
	}
}
