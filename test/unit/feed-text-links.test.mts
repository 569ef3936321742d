import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defangLink, limitLinks } from '../../nodes/Threads/posts/linkLimit.ts';
import { countLinks, linkSpans } from '../../nodes/Threads/posts/textLimits.ts';
import { publishProblems } from '../helpers/feed-text-checks.mts';

const links = (count: number) =>
	Array.from({ length: count }, (_, i) => `https://site${i + 1}.example/page`);
const sentence = (urls: string[]) => urls.map((url, i) => `Source ${i + 1}: ${url}.`).join(' ');

test('5 links or fewer: the text comes back unchanged', () => {
	const text = sentence(links(5));
	assert.deepEqual(limitLinks(text, { mode: 'fail' }), { text, dropped: [] });
	assert.deepEqual(limitLinks(text, { mode: 'keepFirst' }), { text, dropped: [] });
});

test('fail: an error naming the rule and the count, in the words the node uses for the same check', () => {
	const text = sentence(links(7));
	assert.throws(
		() => limitLinks(text, { mode: 'fail' }),
		/^Error: Text contains 7 different links; Threads allows at most 5 per post$/,
	);
	assert.throws(
		() => limitLinks(sentence(links(5)), { mode: 'fail', linkAttachment: 'https://other.example' }),
		/^Error: Text and Link Attachment together contain 6 different links; Threads allows at most 5 per post$/,
	);
	assert.match(publishProblems(text)[0], /7 links; Threads allows at most 5/);
});

test('keepFirst: the first 5 stay links, the others become text the link counter does not count', () => {
	const urls = links(8);
	const result = limitLinks(sentence(urls), { mode: 'keepFirst' });
	assert.equal(countLinks(result.text), 5);
	assert.deepEqual(publishProblems(result.text), []);
	assert.deepEqual(result.dropped, urls.slice(5));
	assert.ok(result.text.includes('Source 5: https://site5.example/page.'));
	assert.ok(result.text.includes('Source 6: site6[.]example/page.'), result.text);
});

test('keepFirst: a repeat of a kept link stays, every repeat of a dropped one is made text, listed once', () => {
	const [a, b, c, d, e, f] = links(6);
	const text = `${a} ${b} ${f} ${c} ${a} ${d} ${e} ${f}/ and ${f}`;
	const result = limitLinks(text, { mode: 'keepFirst' });
	assert.equal(countLinks(result.text), 5);
	assert.deepEqual(result.dropped, [e]);
	assert.equal(result.text, `${a} ${b} ${f} ${c} ${a} ${d} site5[.]example/page ${f}/ and ${f}`);
});

test('keepFirst with a link attachment: it counts first and is never changed', () => {
	const urls = links(6);
	const attachment = 'https://blog.example/post';
	const result = limitLinks(sentence(urls), { mode: 'keepFirst', linkAttachment: attachment });
	assert.deepEqual(result.dropped, urls.slice(4));
	assert.deepEqual(publishProblems(result.text, attachment), []);
	const same = limitLinks(sentence([...urls.slice(0, 4), attachment, urls[4]]), {
		mode: 'keepFirst',
		linkAttachment: attachment,
	});
	assert.deepEqual(same.dropped, [urls[4]], 'the attachment written in the text is the same link');
});

test('defangLink: no scheme, host dots in brackets, links inside the path broken too', () => {
	assert.equal(defangLink('https://www.example.com/a.html?x=1'), 'www[.]example[.]com/a.html?x=1');
	assert.equal(defangLink('http://example.org'), 'example[.]org');
	assert.equal(defangLink('www.example.net/path'), 'www[.]example[.]net/path');
	assert.equal(
		defangLink('https://t.example/r?u=https://target.example/x&w=www.other.example'),
		't[.]example/r?u=https[:]//target.example/x&w=www[.]other.example',
	);
	for (const link of [
		'https://t.example/r?u=https://target.example/x',
		'HTTPS://WWW.CAPS.EXAMPLE/',
		'www.a.example',
	]) {
		assert.equal(countLinks(defangLink(link)), 0, link);
	}
});

test('keepFirst counts links as the node does: scheme, www., case and trailing slash do not make a new link', () => {
	const text =
		'https://one.example www.one.example HTTP://ONE.EXAMPLE/ https://two.example https://three.example https://four.example https://five.example https://six.example';
	const result = limitLinks(text, { mode: 'keepFirst' });
	assert.deepEqual(result.dropped, ['https://six.example']);
	assert.ok(result.text.startsWith('https://one.example www.one.example HTTP://ONE.EXAMPLE/ '));
	assert.ok(result.text.endsWith(' six[.]example'));
});

test('linkSpans finds, where they are written, the links countLinks counts', () => {
	const text = 'See https://a.example/x, www.b.example and https://a.example/x.';
	assert.deepEqual(
		linkSpans(text).map(({ link, start }) => [link, start]),
		[
			['https://a.example/x,', 4],
			['www.b.example', 25],
			['https://a.example/x.', 43],
		],
	);
	assert.equal(countLinks(text), 2);
});
