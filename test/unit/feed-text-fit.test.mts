import assert from 'node:assert/strict';
import { test } from 'node:test';

import { shortenToFit } from '../../nodes/Threads/posts/fitText.ts';
import { countLinks, threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { publishProblems } from '../helpers/feed-text-checks.mts';

const words = (count: number, word = 'word') => Array.from({ length: count }, () => word).join(' ');
const LINK = 'https://blog.example/posts/2024/long-read';

test('text that fits is returned unchanged, whitespace included', () => {
	assert.equal(shortenToFit('  short text \n'), '  short text \n');
	assert.equal(shortenToFit('a'.repeat(500)), 'a'.repeat(500));
	assert.equal(shortenToFit(`Read ${LINK} today`, { keepLink: LINK }), `Read ${LINK} today`);
});

test('too long: cut at the last word break that leaves room for the ellipsis', () => {
	const result = shortenToFit(words(120)); // 599 characters
	assert.equal(result, `${words(100)}…`);
	assert.equal(threadsTextLength(result), 500);
	assert.deepEqual(publishProblems(result), []);
	assert.equal(
		shortenToFit(words(120), { maxLength: 100, ellipsis: ' [...]' }),
		`${words(19)} [...]`,
	);
	assert.equal(shortenToFit(words(120), { maxLength: 100, ellipsis: '' }), words(20));
});

test('a very long text is cut the same way (only its start is read)', () => {
	assert.equal(shortenToFit(words(20000)), `${words(100)}…`);
	assert.equal(shortenToFit(`${'😀'.repeat(30000)} end`), `${'😀'.repeat(124)}…`);
});

test('a dangling comma, colon or full stop before the ellipsis is dropped', () => {
	assert.equal(
		shortenToFit(`${'a'.repeat(40)}, ${'b'.repeat(60)}`, { maxLength: 60 }),
		`${'a'.repeat(40)}…`,
	);
	assert.equal(
		shortenToFit(`${'a'.repeat(40)}. ${'b'.repeat(60)}`, { maxLength: 60 }),
		`${'a'.repeat(40)}…`,
	);
});

test('the link to keep goes after the ellipsis on its own paragraph, and the whole fits', () => {
	const result = shortenToFit(words(200), { keepLink: LINK });
	assert.ok(result.endsWith(`…\n\n${LINK}`), result);
	assert.ok(threadsTextLength(result) <= 500);
	assert.deepEqual(publishProblems(result), []);
	assert.equal(
		shortenToFit('Short text', { keepLink: LINK }),
		`Short text\n\n${LINK}`,
		'fits with the link: no ellipsis',
	);
	assert.equal(shortenToFit('', { keepLink: LINK }), LINK);
});

test('the link to keep is not repeated when the kept text already holds it (written any way the counter accepts)', () => {
	const text = `See www.blog.example/posts/2024/long-read for the details. ${words(150)}`;
	const result = shortenToFit(text, { keepLink: LINK });
	assert.equal(countLinks(result), 1);
	assert.ok(result.startsWith('See www.blog.example/posts/2024/long-read'));
	assert.ok(!result.includes('https://'));
});

test('never cuts inside a link, a mention or a hashtag; a link before the ellipsis keeps a space', () => {
	const url = 'https://example.com/a/rather/long/path/to/an/article';
	for (const token of [url, '@someone.with_a_long_name', '#AVeryLongHashtagIndeed']) {
		const text = `${'a'.repeat(40)} ${token} ${words(20)}`;
		for (let maxLength = 45; maxLength < 100; maxLength += 3) {
			const result = shortenToFit(text, { maxLength });
			assert.ok(threadsTextLength(result) <= maxLength, result);
			const kept = result.replace(/ ?…$/, '');
			assert.ok(
				kept === 'a'.repeat(40) || kept.startsWith(`${'a'.repeat(40)} ${token}`),
				`${maxLength}: ${result}`,
			);
		}
	}
	const endsWithLink = shortenToFit(`${'a'.repeat(10)} ${url} ${words(20)}`, { maxLength: 66 });
	assert.equal(endsWithLink, `${'a'.repeat(10)} ${url} …`);
	assert.equal(countLinks(endsWithLink), 1);
});

test('counts as Threads counts: emoji by UTF-8 length', () => {
	const text = words(100, '😀😀'); // 8 + 1 per word
	const result = shortenToFit(text);
	assert.ok(threadsTextLength(result) <= 500);
	assert.equal(result, `${words(55, '😀😀')}…`); // 55 × 9 - 1 + 1 = 495
});

test('Chinese and Japanese without spaces are cut between characters, not before closing punctuation', () => {
	const result = shortenToFit('今日はとても良い天気ですね。'.repeat(50), { maxLength: 50 });
	assert.ok(threadsTextLength(result) <= 50);
	assert.ok(result.endsWith('…'));
	assert.ok(!result.endsWith('。…'), 'a full stop before the ellipsis is dropped');
	const noSpaces = shortenToFit('字'.repeat(100), { maxLength: 30 });
	assert.equal(noSpaces, `${'字'.repeat(29)}…`);
});

test('errors: no room for the kept link, or a link at the start longer than the room', () => {
	assert.throws(
		() => shortenToFit(words(50), { maxLength: 20, keepLink: LINK }),
		/leaves no room for text beside the ellipsis and the kept link/,
	);
	assert.throws(
		() => shortenToFit(`https://x.example/${'p'.repeat(100)} tail`, { maxLength: 50 }),
		/cannot be cut and does not fit in 49 characters/,
	);
	assert.throws(
		() => shortenToFit('text', { maxLength: 0 }),
		/maxLength must be a whole number of at least 1/,
	);
});

test('a link at the cut keeps its own characters: only punctuation the counter ignores is dropped', () => {
	const url = 'https://example.com/path-';
	assert.equal(shortenToFit(`${url} ${'b'.repeat(60)}`, { maxLength: 40 }), `${url} …`);
	assert.equal(shortenToFit(`${url}, ${'b'.repeat(60)}`, { maxLength: 40 }), `${url} …`);
});
