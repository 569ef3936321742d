import type { IDataObject, INodeListSearchItems } from 'n8n-workflow';

/** How a post, a reply or a place reads in a resource locator's list. */

/** Characters of a post's text a list entry shows. */
export const LABEL_TEXT_LENGTH = 60;

const MEDIA_PLACEHOLDERS: Record<string, string> = {
	IMAGE: '(image)',
	VIDEO: '(video)',
	CAROUSEL_ALBUM: '(carousel)',
	AUDIO: '(audio)',
	REPOST_FACADE: '(repost)',
};

/** The start of a text on one line: at most LABEL_TEXT_LENGTH characters (code points), "…" when cut. */
export function textStart(text: unknown): string {
	const flat = String(text ?? '')
		.replace(/\s+/g, ' ')
		.trim();
	const characters = Array.from(flat);
	if (characters.length <= LABEL_TEXT_LENGTH) return flat;
	return `${characters
		.slice(0, LABEL_TEXT_LENGTH - 1)
		.join('')
		.trimEnd()}…`;
}

/** Meta's `2026-12-01T10:42:00+0000` as `2026-12-01 10:42 UTC`; empty when absent or unreadable. */
export function shortDate(timestamp: unknown): string {
	if (typeof timestamp !== 'string' || timestamp === '') return '';
	const time = Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	if (Number.isNaN(time)) return '';
	return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The start of a post's text, or what it holds when it has none, and its date. */
export function postLabel(post: IDataObject): string {
	const start =
		textStart(post.text) || MEDIA_PLACEHOLDERS[String(post.media_type ?? '')] || '(no text)';
	const author = post.username ? `@${String(post.username)}: ` : '';
	const date = shortDate(post.timestamp);
	return date ? `${author}${start} · ${date}` : `${author}${start}`;
}

/** A post or reply as a list entry: its label, its ID, and its permalink to open it. */
export function postItem(post: IDataObject): INodeListSearchItems {
	const item: INodeListSearchItems = { name: postLabel(post), value: String(post.id) };
	if (typeof post.permalink === 'string' && post.permalink !== '') item.url = post.permalink;
	return item;
}

/** A place as a list entry: its name, then its address and city. */
export function locationItem(location: IDataObject): INodeListSearchItems {
	const where = [location.address, location.city]
		.map((part) => String(part ?? '').trim())
		.filter(Boolean)
		.join(', ');
	const name = String(location.name ?? '').trim() || String(location.id);
	return { name: where ? `${name} (${where})` : name, value: String(location.id) };
}
