// Publish Thread with the text options (Clean HTML, Links in HTML, More Than 5 Links, When Text Is
// Too Long) and Over Quota: Defer, through the engine against the sandbox.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => {
	rig.sandbox.clearLog();
	rig.sandbox.configure({ quotas: { posts: 250, replies: 1000 } });
});
after(async () => await rig.close());

const postOf = (id: unknown) => rig.sandbox.published().find((post) => post.id === id);
const containerOf = (id: unknown) =>
	rig.sandbox.containers().find((container) => container.publishedMediaId === id);

function thread(parameters: IDataObject, continueOnFail = false) {
	return {
		name: 'Threads',
		typeVersion: 2,
		continueOnFail,
		parameters: { resource: 'post', operation: 'publishThread', ...parameters },
	};
}

const paragraph = (n: number) =>
	`<p>Paragraph ${n} of the article, with <a href="https://blog.example/ref/${n}">a reference</a> and enough words to fill a good part of a post &amp; more: ${'lorem ipsum '.repeat(14)}</p>`;

test("a feed article in HTML: cleaned, split, its first link the root's Link Attachment", async () => {
	const html = [1, 2, 3, 4].map(paragraph).join('\n');
	const result = await rig.run([
		thread({
			threadSource: 'text',
			threadText: html,
			numbering: 'slash',
			options: { cleanHtml: true, htmlLinks: 'moveToAttachment', includePermalink: false },
		}),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.deepEqual(out.textAdjusted, ['cleaned', 'linkAttached']);
	const texts = (out.ids as string[]).map((id) => String(postOf(id)?.text));
	assert.ok(texts.length >= 2);
	for (const text of texts) {
		assert.doesNotMatch(text, /<|&amp;|https:/);
		assert.ok(threadsTextLength(text) <= 500);
	}
	assert.match(texts[0], /^Paragraph 1 of the article, with a reference and enough words/);
	assert.equal(containerOf(out.id)?.params.link_attachment, 'https://blog.example/ref/1');
});

test('parts from input items: each cleaned, its links limited and shortened to leave room for its number', async () => {
	const links = [1, 2, 3, 4, 5, 6, 7].map((n) => `https://s${n}.example/x`);
	const input = [
		{ text: '<b>Part one</b> &mdash; the start' },
		{ text: `Many links: ${links.join(' ')}` },
		{ text: `${'long '.repeat(120)}end` },
	];
	const result = await rig.run(
		[
			thread({
				threadSource: 'inputItems',
				partText: '={{ $json.text }}',
				numbering: 'slash',
				options: {
					cleanHtml: true,
					moreLinks: 'keepFirst',
					whenTooLong: 'shorten',
					includePermalink: false,
				},
			}),
		],
		input,
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const texts = (out.ids as string[]).map((id) => String(postOf(id)?.text));
	assert.equal(texts[0], 'Part one — the start\n1/3');
	assert.match(texts[1], /s6\[\.\]example\/x https:\/\/s7\.example\/x\n2\/3$/);
	assert.ok(texts[2].endsWith('…\n3/3') && threadsTextLength(texts[2]) <= 500, texts[2].slice(-20));
	assert.deepEqual(out.textAdjusted, ['cleaned', 'linksAsPlainText', 'shortened']);
});

test('a part that cannot be shortened is refused before any request, named', async () => {
	const result = await rig.run([
		thread({
			threadSource: 'list',
			parts: {
				part: [
					{ text: 'fine', mediaType: 'TEXT' },
					{ text: `https://example.com/${'a'.repeat(600)} tail`, mediaType: 'TEXT' },
				],
			},
			options: { whenTooLong: 'shorten' },
		}),
	]);
	assert.match(
		String(result.error?.message),
		/^Part 2 of 2: Text cannot be shortened to 500 characters \(When Text Is Too Long: Shorten\)/,
	);
	assert.deepEqual(rig.requests(), []);
});

test('Over Quota: Defer returns the threads the quota cannot hold, unsent, and publishes the others', async () => {
	const used = rig.sandbox.published().filter((post) => post.replyToId).length;
	rig.sandbox.configure({ quotas: { replies: used + 3 } });
	// Paragraphs of about 400 characters: one part each.
	const paragraphs = (name: string, count: number) =>
		Array.from({ length: count }, (_, i) => `${name} ${i + 1} ${'word '.repeat(80).trim()}`);
	const input = [paragraphs('Fits', 3), paragraphs('Too big', 3), paragraphs('Small', 2)];
	const result = await rig.run(
		[
			thread({
				threadSource: 'text',
				threadText: '={{ $json.text }}',
				options: { overQuota: 'defer', includePermalink: false },
			}),
		],
		input.map((parts) => ({ text: parts.join('\n\n') })),
	);
	assert.equal(result.error, undefined, result.error?.message);
	const out = result.items('Threads');
	assert.deepEqual(
		out.map((item) => [item.json.status, item.pairedItem]),
		[
			['PUBLISHED', { item: 0 }],
			['DEFERRED', { item: 1 }],
			['PUBLISHED', { item: 2 }],
		],
	);
	assert.deepEqual(out[1].json.parts, input[1]);
	assert.equal(rig.sandbox.published().filter((post) => post.text.startsWith('Too big')).length, 0);
	assert.match(
		String(out[1].json.message),
		/^Publishing quota too low for this thread: .* Deferred: nothing was sent\. Publish it again once Get Publishing Limit shows room\.$/,
	);
});

test("a text split automatically leaves room in each part for the root's Link Attachment", async () => {
	const links = Array.from({ length: 10 }, (_, i) => `https://ref${i + 1}.example/p`);
	const result = await rig.run([
		thread({
			threadSource: 'text',
			threadText: `Reading list: ${links.join(' ')}`,
			options: { linkAttachment: 'https://blog.example/list', includePermalink: false },
		}),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const root = String(postOf(out.id)?.text);
	assert.equal(root.match(/https:\/\//g)?.length, 4, 'four links beside the attachment');
	assert.equal(containerOf(out.id)?.params.link_attachment, 'https://blog.example/list');
});
