import { MAX_LINKS, linkSpans, normalizeLink, uniqueLinks } from './textLimits';

/**
 * Threads refuses a post with more than 5 different links (text and link attachment together, as
 * the node's link counter counts them). mode 'fail' throws; 'keepFirst' keeps the first links and
 * writes the others so that no link counter reads them as links: without their scheme and with the
 * dots of their host in brackets, the way security writing "defangs" a URL
 * ("https://www.example.com/a" becomes "www[.]example[.]com/a"); readers can still copy them.
 * linkAttachment, when given, is counted first and never changed.
 */
export interface LimitLinksOptions {
	max?: number;
	mode: 'fail' | 'keepFirst';
	linkAttachment?: string;
}

export interface LimitedLinks {
	text: string;
	/** The links written as plain text, as they were written, once each. */
	dropped: string[];
}

/** A link written so that it is no longer one: no scheme, host dots in brackets, embedded URLs broken too. */
export function defangLink(link: string): string {
	const withoutScheme = link.replace(/^https?:\/\//i, '');
	const hostEnd = withoutScheme.search(/[/?#]/);
	const host = hostEnd < 0 ? withoutScheme : withoutScheme.slice(0, hostEnd);
	const rest = hostEnd < 0 ? '' : withoutScheme.slice(hostEnd);
	return (host.replace(/\./g, '[.]') + rest)
		.replace(/(https?):\/\//gi, '$1[:]//')
		.replace(/\bwww\./gi, 'www[.]');
}

/** The text with at most `max` (5) different links: an error naming the rule and the count, or the rest made plain text. */
export function limitLinks(text: string, options: LimitLinksOptions): LimitedLinks {
	const max = options.max ?? MAX_LINKS;
	const attachment = options.linkAttachment?.trim() || undefined;
	const total = uniqueLinks([text, attachment]).size;
	if (total <= max) return { text, dropped: [] };
	if (options.mode === 'fail') {
		const counted = attachment ? 'Text and Link Attachment together contain' : 'Text contains';
		throw new Error(`${counted} ${total} different links; Threads allows at most ${max} per post`);
	}
	const kept = new Set<string>(attachment ? [normalizeLink(attachment)] : []);
	const dropped = new Map<string, string>();
	let result = '';
	let position = 0;
	for (const span of linkSpans(text)) {
		const key = normalizeLink(span.link);
		if (!dropped.has(key) && (kept.has(key) || kept.size < max)) {
			kept.add(key);
			continue;
		}
		const link = span.link.replace(/[.,;:!?)\]}]+$/, '');
		if (!dropped.has(key)) dropped.set(key, link);
		result += text.slice(position, span.start) + defangLink(link);
		position = span.start + link.length;
	}
	return { text: result + text.slice(position), dropped: [...dropped.values()] };
}
