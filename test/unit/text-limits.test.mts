import assert from 'node:assert/strict';
import { test } from 'node:test';

import { countLinks, textProblems, threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import {
	LENGTH_EXAMPLES,
	LIMIT,
	LINK_EXAMPLES,
	MAX_LINKS,
	linkPadding,
	padding,
} from '../helpers/text-rules-examples.mts';

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

// Worked examples from Meta's rules, shared with the sandbox's test (test/sandbox/text-rules.test.mts).

for (const example of LENGTH_EXAMPLES) {
	test(`worked example: ${example.name} counts ${example.meta}, and 500 of it pass, 501 fail`, () => {
		assert.equal(threadsTextLength(example.text), example.meta, example.why);
		assert.deepEqual(textProblems(padding(LIMIT - example.meta) + example.text, 'Text'), []);
		const [problem] = textProblems(padding(LIMIT - example.meta + 1) + example.text, 'Text');
		assert.match(problem ?? '', /^Text is 501 characters long .* the limit is 500/);
	});
}

for (const example of LINK_EXAMPLES) {
	test(`worked example: links: ${example.name} count ${example.meta}`, () => {
		// countLinks over the text and the attachment together is the set the node checks for a post.
		const all = [example.text, example.linkAttachment].filter(Boolean).join(' ');
		assert.equal(countLinks(all), example.meta, example.why);
		if (example.linkAttachment) return;
		if (example.meta > MAX_LINKS) {
			assert.match(textProblems(example.text, 'Text')[0] ?? '', new RegExp(`${example.meta} links; Threads allows at most 5`));
			return;
		}
		const atLimit = `${example.text} ${linkPadding(MAX_LINKS - example.meta)}`;
		assert.deepEqual(textProblems(atLimit, 'Text'), []);
		const overLimit = `${example.text} ${linkPadding(MAX_LINKS - example.meta + 1)}`;
		assert.match(textProblems(overLimit, 'Text')[0] ?? '', /6 links; Threads allows at most 5/);
	});
}
