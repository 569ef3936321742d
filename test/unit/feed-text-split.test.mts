import assert from 'node:assert/strict';
import { test } from 'node:test';

import { countLinks, threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { splitIntoThread } from '../../nodes/Threads/posts/threadSplit.ts';
import {
	assertNumbered,
	assertPartsCoverText,
	publishProblems,
} from '../helpers/feed-text-checks.mts';

const words = (count: number, word = 'word') => Array.from({ length: count }, () => word).join(' ');

test('blank text gives no parts; text that fits is one part, without a number', () => {
	assert.deepEqual(splitIntoThread(''), []);
	assert.deepEqual(splitIntoThread(' \n\t '), []);
	assert.deepEqual(splitIntoThread('  Hello there.  ', { numbering: 'slash' }), ['Hello there.']);
	assert.deepEqual(splitIntoThread('a'.repeat(500)), ['a'.repeat(500)]);
});

test('a paragraph break is preferred to a later sentence end, a sentence end to a later word break', () => {
	const first = `A ${words(40)}.`; // 202 characters
	const text = `${first}\n\nB ${words(10)}. C ${words(20)}.`; // the sentence after B ends at 256
	assert.equal(splitIntoThread(text, { maxLength: 300 })[0], first);
	const sentences = `${words(30)}. Next ${words(30)}`;
	assert.deepEqual(splitIntoThread(sentences, { maxLength: 200 }), [
		`${words(30)}.`,
		`Next ${words(30)}`,
	]);
});

test('a break only fills a third of the part: a short heading joins the text after it', () => {
	const text = `Heading\n\n${words(100)}`;
	const [first] = splitIntoThread(text, { maxLength: 200 });
	assert.ok(first.startsWith('Heading\n\nword word'), first);
	assert.ok(threadsTextLength(first) > 150);
});

test('no sentence end: the last word break that fits; lowercase after a period is not a sentence end', () => {
	const parts = splitIntoThread(words(250), { maxLength: 100 });
	for (const part of parts.slice(0, -1)) assert.equal(threadsTextLength(part), 99, part);
	assertPartsCoverText(parts, words(250));
	const [first] = splitIntoThread(`${words(10)} e.g. ${words(10)}. Then ${words(30)}`, {
		maxLength: 120,
	});
	assert.ok(first.endsWith(`${words(10)}.`), first);
});

test('numbering: "\\n1/N" at the end of each part, counted in the limit', () => {
	const text = words(300);
	const parts = splitIntoThread(text, { numbering: 'slash' });
	assertNumbered(parts);
	for (const part of parts) assert.deepEqual(publishProblems(part), [], part);
	assert.match(parts[0], /word\n1\/4$/);
});

test('numbering that adds a part: the count is worked out again until it holds', () => {
	// 25 words of 4 ("abc ") fill 99 of 100; with "\n1/2" (4 more) only 24 fit, so 50 words need 3 parts.
	const text = words(50, 'abc');
	assert.equal(splitIntoThread(text, { maxLength: 100 }).length, 2);
	const numbered = splitIntoThread(text, { maxLength: 100, numbering: 'slash' });
	assert.equal(numbered.length, 3);
	assertNumbered(numbered);
	for (const part of numbered) assert.ok(threadsTextLength(part) <= 100, part);
});

test('numbering past 9 parts: "/10" is one character longer, and every part still fits', () => {
	const text = words(520, 'wordy'); // 3119 characters: 7 parts of 500, more when numbered
	for (const maxLength of [300, 320, 330, 340]) {
		const parts = splitIntoThread(text, { maxLength, numbering: 'slash' });
		assertNumbered(parts);
		for (const part of parts)
			assert.ok(threadsTextLength(part) <= maxLength, `${maxLength}: ${part}`);
		assertPartsCoverText(parts, text);
	}
	assert.ok(splitIntoThread(text, { maxLength: 300, numbering: 'slash' }).length >= 10);
});

test('the 5-link limit moves the break earlier, even when the length would fit', () => {
	const text = Array.from(
		{ length: 12 },
		(_, i) => `Link ${i + 1}: https://site${i + 1}.example/page.`,
	).join(' ');
	assert.ok(threadsTextLength(text) < 500);
	const parts = splitIntoThread(text);
	assert.deepEqual(parts.map(countLinks), [5, 5, 2]);
	for (const part of parts) assert.deepEqual(publishProblems(part), []);
	assertPartsCoverText(parts, text);
	assert.deepEqual(
		splitIntoThread(text, { maxLinksPerPart: 2 }).map(countLinks),
		[2, 2, 2, 2, 2, 2],
	);
});

test('a repeated link counts once, as the node counts it', () => {
	const text = Array.from({ length: 8 }, () => 'https://same.example/page').join(' and ');
	assert.equal(splitIntoThread(text).length, 1);
});

test('a link longer than a post is an error naming it; a shorter one is never cut', () => {
	const url = `https://long.example/${'x'.repeat(580)}`;
	assert.throws(
		() => splitIntoThread(`See ${url} now`),
		/^Error: A link cannot be split across posts, and "https:\/\/long\.example\/x+…" is 601 characters long as Threads counts them; a post holds 500$/,
	);
	const fits = `https://long.example/${'y'.repeat(470)}`;
	const parts = splitIntoThread(`${words(20)} ${fits} ${words(20)}`);
	assert.ok(parts.some((part) => part.includes(fits)));
	assertPartsCoverText(parts, `${words(20)} ${fits} ${words(20)}`);
	assert.throws(
		() => splitIntoThread(`Hi @${'n'.repeat(60)}`, { maxLength: 50 }),
		/An @mention cannot be split/,
	);
});

test('mentions, hashtags and links near the limit move whole to the next part', () => {
	const text = `${'a'.repeat(90)} @someone.with_a_name #SomeHashtag https://x.example/abc ${words(10)}`;
	for (const maxLength of [95, 100, 105, 110, 115, 120, 130]) {
		assertPartsCoverText(splitIntoThread(text, { maxLength }), text);
	}
});

test('a word longer than a post is cut between characters; emoji sequences and flags stay whole', () => {
	assert.deepEqual(
		splitIntoThread('a'.repeat(1200)).map((part) => part.length),
		[500, 500, 200],
	);
	const family = '👨‍👩‍👧‍👦'; // 25 as Threads counts it
	const families = splitIntoThread(family.repeat(41));
	assert.deepEqual(families.map(threadsTextLength), [500, 500, 25]);
	for (const part of families) assert.equal(part.split(family).join(''), '');
	const flags = splitIntoThread('🇯🇵'.repeat(70)); // 8 each
	for (const part of flags) assert.equal(part.split('🇯🇵').join(''), '', 'no flag cut in half');
	const accents = splitIntoThread('e\u0301'.repeat(300));
	assert.ok(
		accents.every((part) => !part.startsWith('\u0301')),
		'no part starts with a combining mark',
	);
});

test('Chinese and Japanese: cut after 。！？ when possible, else between characters, never before 。', () => {
	const sentence = '今日はとても良い天気ですね。'; // 14 characters
	const text = sentence.repeat(50);
	const parts = splitIntoThread(text, { maxLength: 100 });
	for (const part of parts) {
		assert.ok(part.endsWith('。'), part);
		assert.ok(threadsTextLength(part) <= 100);
	}
	const exclaim = splitIntoThread('すごい！本当に？'.repeat(30), { maxLength: 50 });
	for (const part of exclaim) assert.match(part, /[！？]$/);
	const noPunctuation = splitIntoThread('字'.repeat(120) + '。', { maxLength: 50 });
	assert.deepEqual(
		noPunctuation.map((part) => part.length),
		[50, 50, 21],
	);
	assert.ok(noPunctuation[2].endsWith('字。'), 'the full stop stays with the character before it');
});

test('deterministic, and options are checked', () => {
	const text = words(400);
	assert.deepEqual(
		splitIntoThread(text, { numbering: 'slash' }),
		splitIntoThread(text, { numbering: 'slash' }),
	);
	assert.throws(
		() => splitIntoThread(text, { maxLength: 0 }),
		/maxLength must be a whole number of at least 1/,
	);
	assert.throws(
		() => splitIntoThread(text, { maxLinksPerPart: 1.5 }),
		/maxLinksPerPart must be a whole number/,
	);
	assert.throws(
		() => splitIntoThread(text, { maxLength: 4, numbering: 'slash' }),
		/no room for text beside the part number/,
	);
});

test('an emoji sequence longer than a (very short) part is an error, not a cut inside it', () => {
	assert.throws(
		() => splitIntoThread('👨‍👩‍👧‍👦 and more', { maxLength: 20 }),
		/An emoji sequence cannot be split across posts/,
	);
	assert.throws(
		() => splitIntoThread(`${'#'}${'t'.repeat(40)} x`, { maxLength: 30 }),
		/A #hashtag cannot be split across posts, and "#t+" is 41 characters/,
	);
});
