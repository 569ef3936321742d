import assert from 'node:assert/strict';
import { test } from 'node:test';

import { cleanHtml } from '../../nodes/Threads/posts/feedHtml.ts';
import { countLinks } from '../../nodes/Threads/posts/textLimits.ts';

const text = (html: string, baseUrl?: string) => cleanHtml(html, { baseUrl }).text;

// Entities, each worked out by hand (code points from the HTML specification's table).
const NAMED: Array<[string, string]> = [
	['&amp;', '&'],
	['&lt;', '<'],
	['&gt;', '>'],
	['&quot;', '"'],
	['&apos;', "'"],
	['&#39;', "'"],
	['&nbsp;', ' '], // U+00A0, then collapsed like any space
	['&hellip;', '\u2026'],
	['&mdash;', '\u2014'],
	['&ndash;', '\u2013'],
	['&rsquo;', '\u2019'],
	['&lsquo;', '\u2018'],
	['&ldquo;', '\u201c'],
	['&rdquo;', '\u201d'],
	['&copy;', '\u00a9'],
	['&reg;', '\u00ae'],
	['&trade;', '\u2122'],
	['&euro;', '\u20ac'],
	['&pound;', '\u00a3'],
	['&yen;', '\u00a5'],
	['&deg;', '\u00b0'],
	['&times;', '\u00d7'],
	['&divide;', '\u00f7'],
	['&frac12;', '\u00bd'],
	['&eacute;', '\u00e9'],
	['&Uuml;', '\u00dc'],
	['&szlig;', '\u00df'],
	['&ccedil;', '\u00e7'],
	['&yuml;', '\u00ff'],
	['&Omega;', '\u03a9'],
	['&sigmaf;', '\u03c2'],
	['&omega;', '\u03c9'],
	['&bull;', '\u2022'],
	['&middot;', '\u00b7'],
	['&laquo;', '\u00ab'],
	['&raquo;', '\u00bb'],
	['&larr;', '\u2190'],
	['&rArr;', '\u21d2'],
	['&ne;', '\u2260'],
	['&le;', '\u2264'],
	['&infin;', '\u221e'],
	['&hearts;', '\u2665'],
	['&OElig;', '\u0152'],
	['&dagger;', '\u2020'],
	['&permil;', '\u2030'],
	['&check;', '\u2713'],
	['&rarr;', '\u2192'],
];

test('named entities: the HTML 4 set and the common HTML 5 names decode', () => {
	for (const [entity, character] of NAMED) {
		assert.equal(
			text(`<p>a${entity}b</p>`),
			`a${character === ' ' || character === '\u00a0' ? ' ' : character}b`,
			entity,
		);
	}
});

test('numeric references: decimal, hex, Windows-1252 for 128-159, invalid code points replaced', () => {
	assert.equal(text('<p>&#8217;&#x2019;&#X2019;&#x1F600;&#128512;</p>'), '’’’😀😀');
	assert.equal(text('<p>&#150; &#146; &#128; &#153;</p>'), '– ’ € ™');
	for (const invalid of [
		'&#0;',
		'&#xD800;',
		'&#x110000;',
		'&#99999999999;',
		'&#xFFFE;',
		'&#1;',
		'&#129;',
	]) {
		assert.equal(text(`<p>a${invalid}b</p>`), 'a\ufffdb', invalid);
	}
});

test('unknown names stay as written; legacy names without ";" decode in text, not inside a URL', () => {
	assert.equal(text('<p>&madeup; AT&T &copy2024 &amp fish</p>'), '&madeup; AT&T ©2024 & fish');
	const result = cleanHtml('<a href="https://x.example/?a=1&copy=2&amp;b=3">x</a>');
	assert.deepEqual(result.links, ['https://x.example/?a=1&copy=2&b=3']);
});

test('entities escaped twice are repaired, except &amp;lt; and &amp;gt; which show markup as text', () => {
	assert.equal(
		text('<p>we&amp;#8217;ll &amp;quot;see&amp;quot; &amp;amp; go</p>'),
		'we’ll "see" & go',
	);
	assert.equal(text('<p>write &amp;lt;p&amp;gt;</p>'), 'write &lt;p&gt;');
});

test('block elements become line breaks, at most one blank line between paragraphs', () => {
	assert.equal(
		text('<h1>Title</h1><p>One</p><p>Two<br>next</p><div>Div</div><div>Div 2</div>'),
		'Title\n\nOne\n\nTwo\nnext\n\nDiv\nDiv 2',
	);
	assert.equal(text('<p>a</p><p></p><p>&nbsp;</p><br><br><br><p>b</p>'), 'a\n\nb');
	assert.equal(
		text(
			'<blockquote>Quote</blockquote><section>S</section><article>A</article><figure>F</figure>',
		),
		'Quote\n\nS\n\nA\n\nF',
	);
	assert.equal(text('a<br><br>b'), 'a\n\nb');
	assert.equal(
		text('<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>'),
		'1 | 2\n3 | 4',
	);
	for (const heading of ['h2', 'h3', 'h4', 'h5', 'h6']) {
		assert.equal(text(`x<${heading}>H</${heading}>y`), 'x\n\nH\n\ny');
	}
});

test('lists: "• " for bullets, numbers for ordered lists (start and value honoured), one line per item', () => {
	assert.equal(
		text('<p>Intro</p><ul><li>one</li><li><p>two</p></li></ul><p>End</p>'),
		'Intro\n\n• one\n• two\n\nEnd',
	);
	assert.equal(
		text('<ol start="4"><li>d</li><li>e</li><li value="9">i</li><li>j</li></ol>'),
		'4. d\n5. e\n9. i\n10. j',
	);
	assert.equal(text('<ul><li>a<ul><li>a1</li></ul></li><li>b</li></ul>'), '• a\n• a1\n• b');
});

test('whitespace: collapsed to single spaces, trimmed, invisible characters removed', () => {
	assert.equal(text('  <p>\n\t a \r\n  b&nbsp;&nbsp;c&#8203;d&shy;e\ufeff </p>  '), 'a b cde');
	assert.equal(text('<p>a</p>\n\n\n\n<p>b</p>'), 'a\n\nb');
	assert.equal(text('<span>in</span><span>line</span> <b>x</b>'), 'inline x');
});

test('script, style and other hidden content is dropped; comments and doctype vanish; CDATA is unwrapped', () => {
	assert.equal(
		text(
			'<!DOCTYPE html><style>p{color:red}</style><p>a<script>if (1 < 2) { x = "</p>" }</script>b</p><!-- c --><noscript>d</noscript><template>e</template><svg><text>f</text></svg>',
		),
		'ab',
	);
	assert.equal(text('<![CDATA[<p>In <b>CDATA</b></p>]]>'), 'In CDATA');
	assert.equal(text('<p>Before</p><![CDATA[<p>Cut off'), 'Before\n\nCut off');
});

test('links kept as text: "anchor text (URL)", or the URL alone when that is what the anchor shows', () => {
	const result = cleanHtml(
		'<p>Read <a href="https://a.example/post">the post</a>, <a href="https://b.example/x">b.example/x</a>, <a href="https://c.example/long/path/to/page">c.example/long/pa…</a> and <a href="https://d.example"><img src="https://d.example/i.png"></a>.</p>',
	);
	assert.equal(
		result.text,
		'Read the post (https://a.example/post), https://b.example/x, https://c.example/long/path/to/page and https://d.example.',
	);
	assert.deepEqual(result.links, [
		'https://a.example/post',
		'https://b.example/x',
		'https://c.example/long/path/to/page',
		'https://d.example',
	]);
	assert.equal(result.firstLink, 'https://a.example/post');
	assert.deepEqual(result.images, ['https://d.example/i.png']);
});

test('a URL written in the text keeps a space before a following word so the link stays the same', () => {
	const result = cleanHtml(
		'<p>詳細は<a href="https://e.example/ja">こちら</a>をご覧ください。</p>',
	);
	assert.equal(result.text, '詳細はこちら (https://e.example/ja) をご覧ください。');
	assert.equal(countLinks(result.text), 1);
});

test('links moved to the attachment: no URL left in the text, anchors keep their words, first link returned', () => {
	const result = cleanHtml(
		'<p>See <a href="https://a.example/x">the report</a> and https://b.example/y. Also <a href="https://c.example">https://c.example</a> www.d.example/z</p>',
		{ links: 'moveToAttachment' },
	);
	assert.equal(result.text, 'See the report and. Also');
	assert.equal(countLinks(result.text), 0);
	assert.deepEqual(result.links, [
		'https://a.example/x',
		'https://b.example/y',
		'https://c.example',
		'https://www.d.example/z',
	]);
	assert.equal(result.firstLink, 'https://a.example/x');
});

test('links are listed once each as the link counter tells them apart, relative ones resolved against baseUrl', () => {
	const result = cleanHtml(
		'<a href="https://a.example/">one</a> <a href="http://www.a.example">two</a> <a href="/docs">docs</a> <a href="#top">top</a> <a href="mailto:x@y.example">mail</a>',
		{ baseUrl: 'https://site.example/blog/post' },
	);
	assert.deepEqual(result.links, ['https://a.example/', 'https://site.example/docs']);
	assert.equal(
		cleanHtml('<a href="/docs">docs</a>').links.length,
		0,
		'no baseUrl: relative links are not links',
	);
});

test('images: src (or data-src behind a placeholder), emoji images as their character, tracking pixels dropped', () => {
	const result = cleanHtml(
		'<p>A<img src="https://i.example/1.jpg">B<img src="data:image/gif;base64,AA" data-src="https://i.example/2.jpg"><img class="wp-smiley" alt="😀" src="https://s.example/emoji.png"><img src="https://t.example/p.gif" width="1" height="1"><img src="rel.png"></p>',
		{ baseUrl: 'https://i.example/post/' },
	);
	assert.equal(result.text, 'A B 😀');
	assert.deepEqual(result.images, [
		'https://i.example/1.jpg',
		'https://i.example/2.jpg',
		'https://i.example/post/rel.png',
	]);
});

test('plain text keeps its line breaks; HTML escaped once more is decoded, then cleaned', () => {
	assert.equal(
		text('Line one\nLine two\n\n\n\nNext paragraph &amp; more'),
		'Line one\nLine two\n\nNext paragraph & more',
	);
	assert.equal(
		text('&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Bye&lt;/p&gt;'),
		'Hello world\n\nBye',
	);
	assert.equal(text('1 &lt; 2 and 3 &gt; 2'), '1 < 2 and 3 > 2', 'no markup: the escapes are text');
});

test('broken HTML: stray "<", unquoted and unterminated attributes, a tag cut off at the end', () => {
	assert.equal(text('<p>a < b and c<d</p>'), 'a < b and c');
	assert.equal(
		text('<p>x <a href=https://u.example/a?b=1>link</a> y'),
		'x link (https://u.example/a?b=1) y',
	);
	assert.equal(text('<p>cut <a href="https://u.example/'), 'cut');
	// An unclosed quote ends at the tag's ">" instead of swallowing the rest of the item.
	assert.equal(
		text('<p>quote <a href="https://u.example/q>q</a> rest</p>'),
		'quote q (https://u.example/q) rest',
	);
	assert.equal(text(''), '');
	assert.deepEqual(cleanHtml('   ').links, []);
});

test('a URL shown by its anchor stays apart from the word before it, not from an opening bracket', () => {
	assert.equal(
		text('<p>See<a href="https://u.example/a">u.example/a</a></p>'),
		'See https://u.example/a',
	);
	assert.equal(
		text('<p>(<a href="https://u.example/a">u.example/a</a>)</p>'),
		'(https://u.example/a)',
	);
	assert.equal(
		text('<p>「<a href="https://u.example/a">https://u.example/a</a>」</p>'),
		'「https://u.example/a 」',
	);
});
