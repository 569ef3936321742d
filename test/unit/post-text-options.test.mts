// The text options of Publish and Reply > Create (posts/postText.ts): the order of the feed-text tools,
// what each choice does, the messages, and the whole corpus made into posts Publish accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
	DEFAULT_TEXT_CHOICES,
	type TextChoices,
	fitPostText,
	isDefaultChoice,
	trailingLink,
} from '../../nodes/Threads/posts/postText.ts';
import { countLinks, threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { FEED_ITEMS } from '../fixtures/feed-items/index.mts';
import { assertPartsCoverText, publishProblems } from '../helpers/feed-text-checks.mts';

const choices = (overrides: Partial<TextChoices>): TextChoices => ({
	...DEFAULT_TEXT_CHOICES,
	...overrides,
});
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
const LINK = 'https://blog.example/2024/a-long-read';

test('the defaults change nothing: a long text with many links is left to the post rules', () => {
	assert.ok(isDefaultChoice(DEFAULT_TEXT_CHOICES));
	const text = `${words(150)} ${[1, 2, 3, 4, 5, 6].map((n) => `https://s${n}.example`).join(' ')}`;
	const fitted = fitPostText({ text, canAttachLink: true }, DEFAULT_TEXT_CHOICES);
	assert.deepEqual(fitted, { text, linkAttachment: undefined, adjusted: [] });
	assert.match(publishProblems(text)[0], /^Text is \d+ characters long .*; the limit is 500$/);
});

test('Clean HTML: tags out, entities decoded, paragraphs on their own lines, links kept as text', () => {
	const html =
		'<p>Caf&eacute; <b>news</b></p><p>See <a href="https://x.example/a">the map</a>.</p>';
	const fitted = fitPostText({ text: html, canAttachLink: true }, choices({ cleanHtml: true }));
	assert.equal(fitted.text, 'Café news\n\nSee the map (https://x.example/a).');
	assert.deepEqual(fitted.adjusted, ['cleaned']);
	const plain = fitPostText(
		{ text: 'no markup', canAttachLink: true },
		choices({ cleanHtml: true }),
	);
	assert.deepEqual(plain.adjusted, [], 'nothing to clean: not reported');
});

test('Links in HTML: Use First as Link Attachment, unless a Link Attachment is set', () => {
	const html =
		'<p>Read <a href="/posts/1">the post</a> and <a href="https://y.example">this</a>.</p>';
	const moved = choices({ cleanHtml: true, htmlLinks: 'moveToAttachment' });
	const fitted = fitPostText({ text: html, canAttachLink: true }, moved);
	assert.equal(fitted.text, 'Read the post and this.');
	assert.equal(fitted.linkAttachment, 'https://y.example', 'a relative link needs a base URL');
	assert.deepEqual(fitted.adjusted, ['cleaned', 'linkAttached']);
	// The Link Attachment the user set stays, and is the base URL of relative links.
	const kept = fitPostText({ text: html, linkAttachment: LINK, canAttachLink: true }, moved);
	assert.equal(kept.linkAttachment, LINK);
	assert.deepEqual(kept.adjusted, ['cleaned']);
	const resolved = fitPostText({ text: html, canAttachLink: true }, choices({ cleanHtml: true }));
	assert.doesNotMatch(resolved.text, /posts\/1/);
	const withBase = fitPostText(
		{ text: html, linkAttachment: LINK, canAttachLink: true },
		choices({ cleanHtml: true }),
	);
	assert.match(withBase.text, /the post \(https:\/\/blog\.example\/posts\/1\)/);
});

test('Use First as Link Attachment on a post that cannot have one names the option and the fix', () => {
	const html = '<p><a href="https://z.example">z</a></p>';
	assert.throws(
		() =>
			fitPostText(
				{ text: html, canAttachLink: false },
				choices({ cleanHtml: true, htmlLinks: 'moveToAttachment' }),
			),
		/^Error: Links in HTML is "Use First as Link Attachment", but this post cannot have a Link Attachment .*: choose "Keep as Text"$/,
	);
});

test('More Than 5 Links: Keep First 5 makes the rest plain text, counting the Link Attachment', () => {
	const links = [1, 2, 3, 4, 5, 6, 7].map((n) => `https://site${n}.example/p`);
	const text = `Links: ${links.join(' ')}`;
	const fitted = fitPostText(
		{ text, linkAttachment: LINK, canAttachLink: true },
		choices({ moreLinks: 'keepFirst' }),
	);
	assert.equal(countLinks(fitted.text), 4);
	assert.match(fitted.text, /site5\[\.\]example\/p/);
	assert.deepEqual(fitted.adjusted, ['linksAsPlainText']);
	assert.deepEqual(publishProblems(fitted.text, LINK), []);
});

test('Shorten keeps the link the text ends with, or leaves it to the Link Attachment', () => {
	const text = `${words(120)}\n\n${LINK}`;
	const shorten = choices({ whenTooLong: 'shorten' });
	const inText = fitPostText({ text, canAttachLink: true }, shorten);
	assert.ok(inText.text.endsWith(`…\n\n${LINK}`), inText.text.slice(-80));
	assert.ok(threadsTextLength(inText.text) <= 500);
	assert.deepEqual(inText.adjusted, ['shortened']);
	assert.deepEqual(publishProblems(inText.text), []);
	const attached = fitPostText({ text, linkAttachment: LINK, canAttachLink: true }, shorten);
	assert.ok(attached.text.endsWith('…'));
	assert.doesNotMatch(attached.text, /https:/);
	const short = fitPostText({ text: 'fits', canAttachLink: true }, shorten);
	assert.deepEqual(short, { text: 'fits', linkAttachment: undefined, adjusted: [] });
	assert.equal(trailingLink(`see ${LINK}.`), LINK);
	assert.equal(trailingLink(`${LINK} and more`), undefined);
});

test('Shorten refuses a text that cannot be cut, naming the option', () => {
	const text = `https://example.com/${'a'.repeat(600)} and more`;
	assert.throws(
		() => fitPostText({ text, canAttachLink: true }, choices({ whenTooLong: 'shorten' })),
		/^Error: Text cannot be shortened to 500 characters \(When Text Is Too Long: Shorten\): "https:\/\/example\.com\/a+" cannot be cut/,
	);
	assert.throws(
		() =>
			fitPostText(
				{ text: `Read https://example.com/${'b'.repeat(600)}`, canAttachLink: true },
				choices({ whenTooLong: 'shorten' }),
			),
		/\(When Text Is Too Long: Shorten\): a post of 500 characters leaves no room for text beside the ellipsis and the kept link$/,
	);
});

test('Split Into a Thread: parts within the limits, the root leaving room for the Link Attachment', () => {
	const links = [1, 2, 3, 4, 5].map((n) => `https://l${n}.example`);
	const text = `${links.join(' ')} ${words(150)}`;
	const fitted = fitPostText(
		{ text, linkAttachment: LINK, canAttachLink: true },
		choices({ whenTooLong: 'split', numbering: 'slash' }),
	);
	assert.ok(fitted.parts && fitted.parts.length >= 2);
	assert.equal(fitted.text, fitted.parts[0]);
	assert.deepEqual(publishProblems(fitted.parts[0], LINK), []);
	for (const part of fitted.parts.slice(1)) assert.deepEqual(publishProblems(part), []);
	assert.deepEqual(fitted.adjusted, ['split']);
	const fits = fitPostText(
		{ text: 'short', canAttachLink: true },
		choices({ whenTooLong: 'split' }),
	);
	assert.equal(fits.parts, undefined);
});

test('every corpus item: cleaned, links limited, shortened, a post Publish accepts', () => {
	const all = choices({ cleanHtml: true, moreLinks: 'keepFirst', whenTooLong: 'shorten' });
	for (const item of FEED_ITEMS) {
		// A summary post: the HTML, then the item's link, which shortening keeps.
		const raw = fitPostText({ text: `${item.html}\n\n${item.link}`, canAttachLink: true }, all);
		assert.deepEqual(publishProblems(raw.text), [], item.name);
		// (HTML cut inside a tag swallows what follows it: there is no link left to keep.)
		const cleanedEnd = trailingLink(
			fitPostText(
				{ text: `${item.html}\n\n${item.link}`, canAttachLink: true },
				choices({ cleanHtml: true }),
			).text,
		);
		assert.equal(trailingLink(raw.text), cleanedEnd, item.name);
		if (!item.name.startsWith('broken HTML')) assert.equal(cleanedEnd, item.link, item.name);
		// The link as the card, the HTML's links left out.
		const card = fitPostText(
			{ text: item.html, linkAttachment: item.link, canAttachLink: true },
			{ ...all, htmlLinks: 'moveToAttachment' },
		);
		assert.deepEqual(publishProblems(card.text, item.link), [], item.name);
		assert.equal(card.linkAttachment, item.link);
	}
});

test('every corpus item: split into a numbered thread whose parts Publish accepts', () => {
	const split = choices({ cleanHtml: true, whenTooLong: 'split', numbering: 'slash' });
	for (const item of FEED_ITEMS) {
		const long = `${item.html}\n\n${item.html}\n\n${item.html}`;
		const fitted = fitPostText(
			{ text: long, linkAttachment: item.link, canAttachLink: true },
			split,
		);
		const parts = fitted.parts ?? [fitted.text];
		parts.forEach((part, index) =>
			assert.deepEqual(publishProblems(part, index === 0 ? item.link : undefined), [], item.name),
		);
		if (fitted.parts) {
			const cleaned = fitPostText(
				{ text: long, linkAttachment: item.link, canAttachLink: true },
				choices({ cleanHtml: true }),
			);
			assertPartsCoverText(fitted.parts, cleaned.text.trim());
		}
	}
});
