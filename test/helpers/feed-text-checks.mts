/**
 * Checks shared by the feed-text tests, written independently of the code under test except for
 * the node's own validation (postProblems), which is the point: every part must pass it.
 */
import assert from 'node:assert/strict';

import { postProblems } from '../../nodes/Threads/posts/postRules.ts';

/** Tokens no cut may go through, by the tests' own reading: URLs (scheme or www.), @mentions, #hashtags. */
const TOKENS = [/(?:https?:\/\/|www\.)[^\s<>"']+/gi, /@[\w.]*\w/g, /#[\p{L}\p{N}_]+/gu];

export function tokenSpans(text: string): Array<{ start: number; end: number; token: string }> {
	return TOKENS.flatMap((pattern) =>
		[...text.matchAll(pattern)].map((match) => ({
			start: match.index ?? 0,
			end: (match.index ?? 0) + match[0].length,
			token: match[0],
		})),
	);
}

/** The problems the node's Publish would raise for a text post with this text (and link attachment). */
export function publishProblems(text: string, linkAttachment?: string): string[] {
	return postProblems({
		mediaType: 'TEXT',
		text,
		options: linkAttachment ? { linkAttachment } : {},
	});
}

export const NUMBER_SUFFIX = /\n(\d+)\/(\d+)$/;

export const withoutWhitespace = (text: string) => text.replace(/\s+/g, '');

/**
 * Parts joined back are the text (whitespace and numbers aside), each part sits in the text where
 * the one before it ended, and no part starts or ends inside a URL, @mention or #hashtag.
 */
export function assertPartsCoverText(parts: string[], text: string): void {
	const bodies = parts.map((part) => part.replace(NUMBER_SUFFIX, ''));
	assert.equal(withoutWhitespace(bodies.join('')), withoutWhitespace(text));
	const spans = tokenSpans(text);
	let cursor = 0;
	for (const body of bodies) {
		const start = text.indexOf(body, cursor);
		assert.ok(
			start >= 0,
			`part not found in the text where expected: ${JSON.stringify(body.slice(0, 40))}`,
		);
		assert.equal(text.slice(cursor, start).trim(), '', 'only whitespace between parts');
		const end = start + body.length;
		for (const edge of [start, end]) {
			const cut = spans.find((span) => span.start < edge && edge < span.end);
			assert.equal(cut, undefined, `a part boundary cuts through ${cut?.token}`);
		}
		cursor = end;
	}
	assert.equal(text.slice(cursor).trim(), '');
}

/** Numbers, when there are any, read 1/N ... N/N. */
export function assertNumbered(parts: string[]): void {
	parts.forEach((part, index) => {
		const match = NUMBER_SUFFIX.exec(part);
		assert.ok(match, `part ${index + 1} has no number`);
		assert.deepEqual([Number(match[1]), Number(match[2])], [index + 1, parts.length]);
	});
}

/** Markup left in cleaned text (an HTML tag or comment), other than text the item shows on purpose. */
export function leftoverMarkup(text: string, literalMarkup: string[] = []): string | undefined {
	let rest = text;
	for (const literal of literalMarkup) rest = rest.split(literal).join('');
	return /<\/?[A-Za-z][^>]*>|<!--/.exec(rest)?.[0];
}

/** A character reference left undecoded. */
export function leftoverEntity(text: string): string | undefined {
	return /&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.exec(text)?.[0];
}
