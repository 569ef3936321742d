/**
 * Worked examples of Threads' text rules, written out by hand from Meta's documentation. Nothing here
 * is computed with the counting code under test (nodes/Threads/posts/textLimits.ts and
 * sandbox/publishing.mts share one way of counting, so a bug in one is a bug in both): every count is
 * worked out in `why`, code point by code point.
 *
 * Read by test/sandbox/text-rules.test.mts (the sandbox over HTTP: container creation accepts or
 * refuses) and test/unit/text-limits.test.mts (the node's counting).
 *
 * Meta's rules (../../../shared/reference/threads-api.md; developers.facebook.com/documentation/threads/posts
 * "Limitations", and .../create-posts/text-attachments "How links are counted"):
 * - "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes."
 * - At most 5 links per post, else THREADS_API__LINK_LIMIT_EXCEEDED at container creation. "All
 *   unique URLs found in the text field are counted as links"; a link attachment URL that differs
 *   from every URL of the text counts one more, the same URL counts once. Meta's own examples write
 *   the URLs without a scheme ("www.facebook.com").
 *
 * Where Meta says nothing, an example carries `choice`: the count is the sandbox's (and the node's)
 * decision, pinned so that it changes only on purpose, not Meta's rule.
 */

export interface LengthExample {
	name: string;
	text: string;
	/** The length by Meta's rule: one per character, emoji by their UTF-8 bytes. */
	meta: number;
	/** How `meta` was worked out. */
	why: string;
	/** Set when Meta's documentation does not settle the count: whose choice it is and why. */
	choice?: string;
}

export const LIMIT = 500;

export const LENGTH_EXAMPLES: LengthExample[] = [
	{ name: 'ASCII letters', text: 'Hello', meta: 5, why: '5 characters' },
	{
		name: 'an accented letter (one code point)',
		text: 'h\u00e9llo',
		meta: 5,
		why: 'é is U+00E9, one character (2 UTF-8 bytes, but it is no emoji)',
	},
	{
		name: 'Chinese',
		text: '\u4f60\u597d\u4e16\u754c',
		meta: 4,
		why: '你好世界: 4 characters (3 UTF-8 bytes each, but they are no emoji)',
	},
	{
		name: 'Japanese kana',
		text: '\u3053\u3093\u306b\u3061\u306f',
		meta: 5,
		why: 'こんにちは: 5 characters',
	},
	{ name: 'Korean', text: '\uc548\ub155', meta: 2, why: '안녕: 2 characters' },
	{
		name: '500 CJK characters',
		text: '\u5b57'.repeat(500),
		meta: 500,
		why: '字 500 times: exactly the limit (1500 UTF-8 bytes would be far over it)',
	},
	{
		name: 'a face emoji',
		text: '\u{1f600}',
		meta: 4,
		why: '😀 U+1F600: UTF-8 F0 9F 98 80, 4 bytes',
	},
	{
		name: 'an emoji between letters',
		text: 'a\u{1f600}b',
		meta: 6,
		why: 'a (1) + 😀 (4) + b (1)',
	},
	{
		name: 'a red heart with variation selector 16',
		text: '\u2764\ufe0f',
		meta: 6,
		why: '❤️ = U+2764 (E2 9D A4, 3 bytes) + U+FE0F (EF B8 8F, 3 bytes)',
	},
	{
		name: 'a thumbs-up with a skin tone',
		text: '\u{1f44d}\u{1f3fd}',
		meta: 8,
		why: '👍🏽 = U+1F44D (4 bytes) + U+1F3FD medium skin tone (4 bytes)',
	},
	{
		name: 'a country flag',
		text: '\u{1f1eb}\u{1f1f7}',
		meta: 8,
		why: '🇫🇷 = two regional indicators U+1F1EB U+1F1F7, 4 bytes each',
	},
	{
		name: 'a family joined by zero-width joiners',
		text: '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}',
		meta: 18,
		why: '👨‍👩‍👧 = 👨 (4) + ZWJ U+200D (3) + 👩 (4) + ZWJ (3) + 👧 (4)',
	},
	{
		name: 'a keycap',
		text: '1\ufe0f\u20e3',
		meta: 7,
		why: '1️⃣ = "1" (1 byte) + U+FE0F (3 bytes) + U+20E3 combining keycap (3 bytes)',
	},
	{
		name: 'a subdivision flag (tag sequence)',
		text: '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
		meta: 28,
		why: "England's flag = U+1F3F4 black flag (4 bytes) + tags g b e n g (U+E0067 U+E0062 U+E0065 U+E006E U+E0067, 4 bytes each) + cancel tag U+E007F (4 bytes) = 7 × 4",
	},
	{
		name: '125 emoji',
		text: '\u{1f600}'.repeat(125),
		meta: 500,
		why: '😀 125 times, 4 bytes each: exactly the limit although only 125 are visible',
	},
	{
		name: 'a letter outside the BMP that is no emoji',
		text: '\u{1d54f}',
		meta: 1,
		why: '𝕏 U+1D54F (4 UTF-8 bytes, 2 UTF-16 units): one character, no emoji',
		choice:
			'Meta does not say whether "characters" are code points or UTF-16 units; the sandbox and the node count code points',
	},
	{
		name: 'a letter with a combining accent',
		text: 'e\u0301',
		meta: 2,
		why: 'é written as e + U+0301 combining acute: 2 code points, shown as one letter',
		choice:
			'Meta does not say how combining marks count; the sandbox and the node count each code point (so NFD text counts longer than NFC)',
	},
];

export interface LinkExample {
	name: string;
	text: string;
	/** link_attachment (or text_attachment.link_attachment_url): must be an http(s) URL to be accepted at all. */
	linkAttachment?: string;
	/** Unique links by Meta's rule; more than 5 is refused. */
	meta: number;
	why: string;
	choice?: string;
}

export const MAX_LINKS = 5;

export const LINK_EXAMPLES: LinkExample[] = [
	{
		name: "Meta's example: the same URL in the text and the attachment",
		text: 'Read https://www.facebook.com',
		linkAttachment: 'https://www.facebook.com',
		meta: 1,
		why: 'the attachment URL is the same as a URL of the text: counted once',
	},
	{
		name: "Meta's example: two URLs without scheme and a different attachment",
		text: 'See www.instagram.com and www.threads.com',
		linkAttachment: 'https://www.facebook.com',
		meta: 3,
		why: 'www.instagram.com, www.threads.com (URLs without a scheme count) + the attachment, different from both',
	},
	{
		name: 'exactly 5 URLs in the text',
		text: 'https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com',
		meta: 5,
		why: '5 different URLs: the limit',
	},
	{
		name: '6 URLs in the text',
		text: 'https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com https://six.example.com',
		meta: 6,
		why: '6 different URLs: one too many',
	},
	{
		name: '4 URLs in the text plus a different attachment',
		text: 'https://one.example.com https://two.example.com https://three.example.com https://four.example.com',
		linkAttachment: 'https://five.example.com',
		meta: 5,
		why: '4 + 1 different attachment = 5',
	},
	{
		name: '5 URLs in the text plus a different attachment',
		text: 'https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com',
		linkAttachment: 'https://six.example.com',
		meta: 6,
		why: '5 + 1 different attachment = 6',
	},
	{
		name: '5 URLs in the text plus an attachment equal to one of them',
		text: 'https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com',
		linkAttachment: 'https://three.example.com',
		meta: 5,
		why: 'the attachment is the same URL as the third: counted once',
	},
	{
		name: 'a URL repeated three times among 5',
		text: 'https://one.example.com then https://one.example.com and https://one.example.com, https://two.example.com https://three.example.com https://four.example.com https://five.example.com',
		meta: 5,
		why: 'one.example.com three times counts once: 5 unique',
	},
	{
		name: 'a repeated URL among 6 unique',
		text: 'https://one.example.com https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com https://six.example.com',
		meta: 6,
		why: '7 URLs written, 6 unique',
	},
	{
		name: '5 URLs without scheme',
		text: 'www.one.example www.two.example www.three.example www.four.example www.five.example',
		meta: 5,
		why: "www. URLs count like Meta's www.facebook.com example",
	},
	{
		name: '6 URLs without scheme',
		text: 'www.one.example www.two.example www.three.example www.four.example www.five.example www.six.example',
		meta: 6,
		why: '6 different www. URLs',
	},
	{
		name: '3 with scheme and 3 without, all different',
		text: 'https://one.example.com http://two.example.com https://three.example.com www.four.example www.five.example www.six.example',
		meta: 6,
		why: '6 different URLs, whatever their writing',
	},
	{
		name: 'one address written with and without scheme, www. and a trailing slash',
		text: 'https://www.same.example.com and www.same.example.com and HTTP://same.example.com/ plus https://one.example.com https://two.example.com https://three.example.com https://four.example.com',
		meta: 5,
		why: 'same.example.com written three ways counts once, + 4 others',
		choice:
			'Meta only shows identical strings counting once; the sandbox and the node treat scheme, "www.", letter case and a trailing slash as the same link',
	},
	{
		name: 'a bare domain is not counted',
		text: 'plain.example.com and https://one.example.com https://two.example.com https://three.example.com https://four.example.com https://five.example.com',
		meta: 5,
		why: 'plain.example.com has neither scheme nor www.: not counted; 5 URLs',
		choice:
			'Meta does not say whether a bare domain is a URL; the sandbox and the node count only http(s):// and www. (if Meta counts it, this post is refused)',
	},
	{
		name: 'trailing punctuation is not part of the URL',
		text: 'Go to https://one.example.com. Or (https://one.example.com) https://two.example.com, https://three.example.com! https://four.example.com? https://five.example.com;',
		meta: 5,
		why: 'the trailing . ) , ! ? ; end the sentence, not the URL: 5 unique',
		choice: 'Meta does not say; the sandbox and the node strip trailing punctuation',
	},
];

/** `count` plain letters: the padding that brings an example to the limit. */
export const padding = (count: number): string => 'a'.repeat(Math.max(0, count));

/** `count` more links, different from every link of the examples: the padding to the link limit. */
export const linkPadding = (count: number): string =>
	Array.from({ length: Math.max(0, count) }, (_, i) => `https://pad${i + 1}.padding.example`).join(
		' ',
	);
