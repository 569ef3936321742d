import assert from 'node:assert/strict';
import { test } from 'node:test';

import { countLinks, textProblems, threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';

test('plain characters count one each, accented letters too', () => {
	assert.equal(threadsTextLength('héllo'), 5);
});

test('emoji count by their UTF-8 length, joiners and modifiers included', () => {
	assert.equal(threadsTextLength('😀'), 4);
	assert.equal(threadsTextLength('❤️'), 6); // U+2764 (3 bytes) + VS16 (3 bytes)
	assert.equal(threadsTextLength('👍🏽'), 8);
});

test('500 counted characters pass, 501 fail, with the field and the rule named', () => {
	assert.deepEqual(textProblems('a'.repeat(500), 'Text'), []);
	const [problem] = textProblems('a'.repeat(498) + '😀', 'Text');
	assert.match(problem, /^Text is 502 characters long .* the limit is 500/);
});

test('links are counted once each, and more than 5 is refused', () => {
	assert.equal(countLinks('see https://a.com and https://a.com and www.b.org'), 2);
	const six = Array.from({ length: 6 }, (_, i) => `https://site${i}.com`).join(' ');
	assert.match(textProblems(six, 'Text')[0], /6 links; Threads allows at most 5/);
});
