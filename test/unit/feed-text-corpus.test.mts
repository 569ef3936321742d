import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { cleanHtml } from '../../nodes/Threads/posts/feedHtml.ts';
import { shortenToFit } from '../../nodes/Threads/posts/fitText.ts';
import { limitLinks } from '../../nodes/Threads/posts/linkLimit.ts';
import {
	countLinks,
	normalizeLink,
	threadsTextLength,
	uniqueLinks,
} from '../../nodes/Threads/posts/textLimits.ts';
import { splitIntoThread } from '../../nodes/Threads/posts/threadSplit.ts';
import { FEED_ITEMS } from '../fixtures/feed-items/index.mts';
import {
	assertNumbered,
	assertPartsCoverText,
	leftoverEntity,
	leftoverMarkup,
	publishProblems,
	tokenSpans,
} from '../helpers/feed-text-checks.mts';

test('the corpus has at least 30 items, RSS and Atom, every field', () => {
	assert.ok(FEED_ITEMS.length >= 30, `${FEED_ITEMS.length} items`);
	const fields = new Set(FEED_ITEMS.map((item) => `${item.format}:${item.field}`));
	for (const field of ['rss:description', 'rss:content:encoded', 'atom:content', 'atom:summary']) {
		assert.ok(fields.has(field), field);
	}
	assert.ok(FEED_ITEMS.some((item) => threadsTextLength(cleanHtml(item.html).text) > 1500));
});

for (const item of FEED_ITEMS) {
	describe(`feed item: ${item.name}`, () => {
		const cleaned = cleanHtml(item.html, { baseUrl: item.link });
		const text = cleaned.text;

		test('cleanHtml leaves no tag, entity, double space or stray blank line', () => {
			assert.equal(leftoverMarkup(text, item.literalMarkup), undefined);
			assert.equal(leftoverEntity(text), undefined);
			assert.doesNotMatch(text, / {2}/);
			assert.doesNotMatch(text, / \n|\n | $|^ /);
			assert.doesNotMatch(text, /\n{3}/);
			assert.equal(text, text.trim());
			for (const phrase of item.contains ?? [])
				assert.ok(text.includes(phrase), `missing: ${phrase}`);
		});

		test('cleanHtml keeps every link, in order, and writes each into the text', () => {
			assert.deepEqual(cleaned.links, item.links);
			assert.equal(cleaned.firstLink, item.links[0]);
			const inText = uniqueLinks([text]);
			for (const link of item.links)
				assert.ok(inText.has(normalizeLink(link)), `not in the text: ${link}`);
			if (item.images) assert.deepEqual(cleaned.images, item.images);
		});

		test('cleanHtml moveToAttachment writes no link into the text and returns the same links', () => {
			const moved = cleanHtml(item.html, { baseUrl: item.link, links: 'moveToAttachment' });
			assert.equal(countLinks(moved.text), 0, moved.text);
			assert.deepEqual(moved.links, item.links);
			assert.equal(leftoverMarkup(moved.text, item.literalMarkup), undefined);
			assert.doesNotMatch(moved.text, / {2}/);
		});

		test('splitIntoThread: every part passes the node checks, parts cover the text, no token is cut', () => {
			for (const numbering of ['none', 'slash'] as const) {
				const parts = splitIntoThread(text, { numbering });
				assert.ok(parts.length >= 1);
				for (const part of parts) assert.deepEqual(publishProblems(part), [], part);
				assertPartsCoverText(parts, text);
				if (numbering === 'slash' && parts.length > 1) assertNumbered(parts);
				assert.deepEqual(splitIntoThread(text, { numbering }), parts, 'deterministic');
			}
		});

		test('splitIntoThread with short parts and two links per part keeps both limits', () => {
			const options = { maxLength: 140, maxLinksPerPart: 2, numbering: 'slash' } as const;
			const longest = Math.max(0, ...tokenSpans(text).map(({ token }) => threadsTextLength(token)));
			// "\nNN/NN" takes up to 6: a longer token cannot share a 140-character part with its number.
			if (longest + 6 > options.maxLength) {
				assert.throws(
					() => splitIntoThread(text, options),
					/^Error: A link cannot be split across posts/,
				);
				return;
			}
			const parts = splitIntoThread(text, options);
			for (const part of parts) {
				assert.ok(threadsTextLength(part) <= 140, `${threadsTextLength(part)}: ${part}`);
				assert.ok(countLinks(part) <= 2, part);
			}
			assertPartsCoverText(parts, text);
		});

		test('limitLinks then shortenToFit: one post the node accepts, with the item link kept', () => {
			for (const maxLength of [500, 200]) {
				const limited = limitLinks(text, { mode: 'keepFirst', linkAttachment: item.link });
				const post = shortenToFit(limited.text, { maxLength, keepLink: item.link });
				assert.deepEqual(publishProblems(post), [], post);
				assert.ok(threadsTextLength(post) <= maxLength);
				assert.ok(uniqueLinks([post]).has(normalizeLink(item.link)), `item link missing: ${post}`);
			}
		});

		test('moveToAttachment then shortenToFit: accepted with the first link as the attachment', () => {
			const moved = cleanHtml(item.html, { baseUrl: item.link, links: 'moveToAttachment' });
			const post = shortenToFit(moved.text);
			assert.deepEqual(publishProblems(post, moved.firstLink), [], post);
		});
	});
}
