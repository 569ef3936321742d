// The text options of Post > Publish and Reply > Create through n8n's engine against the sandbox
// (which enforces Meta's length and link rules itself): Clean HTML, Links in HTML, More Than 5 Links,
// When Text Is Too Long; every item fitted and checked before the first request.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => rig.sandbox.clearLog());
after(async () => await rig.close());

const LINK = 'https://blog.example/2024/05/field-notes';
const words = (count: number, word = 'word') =>
	Array.from({ length: count }, (_, i) => `${word}${i}`).join(' ');

function publish(options: IDataObject, continueOnFail = false) {
	return {
		name: 'Threads',
		parameters: {
			resource: 'post',
			operation: 'publish',
			mediaType: 'TEXT',
			text: '={{ $json.text }}',
			options: { includePermalink: false, ...options },
		},
		continueOnFail,
	};
}

const postFor = (id: unknown) => rig.sandbox.published().find((post) => post.id === id);
const containerOf = (id: unknown) =>
	rig.sandbox.containers().find((container) => container.id === postFor(id)?.containerId);

test('default options: a text too long fails with the count and the limit, before any request', async () => {
	const result = await rig.run([publish({})], [{ text: words(120) }]);
	assert.match(
		String(result.error?.message),
		/^Text is \d+ characters long as Threads counts them .*; the limit is 500$/,
	);
	assert.deepEqual(rig.requests(), []);
});

test('Shorten: cut at a word with an ellipsis, the link the text ends with kept', async () => {
	const result = await rig.run(
		[publish({ whenTooLong: 'shorten' })],
		[{ text: `${words(120)}\n\nRead it: ${LINK}` }, { text: 'short enough' }],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [long, short] = result.output('Threads');
	const text = String(postFor(long.id)?.text);
	assert.ok(text.endsWith(`…\n\n${LINK}`), text.slice(-60));
	assert.ok(threadsTextLength(text) <= 500);
	assert.deepEqual(long.textAdjusted, ['shortened']);
	assert.equal(postFor(short.id)?.text, 'short enough');
	assert.equal(short.textAdjusted, undefined, 'nothing done: no textAdjusted');
});

test('Clean HTML with the first link as the Link Attachment', async () => {
	const html =
		'<p>New <b>release</b> &mdash; see <a href="https://shop.example/notes">the notes</a> and <a href="https://shop.example/faq">FAQ</a>.</p><ul><li>faster</li><li>smaller</li></ul>';
	const result = await rig.run(
		[publish({ cleanHtml: true, htmlLinks: 'moveToAttachment' })],
		[{ text: html }],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(postFor(out.id)?.text, 'New release — see the notes and FAQ.\n\n• faster\n• smaller');
	assert.equal(containerOf(out.id)?.params.link_attachment, 'https://shop.example/notes');
	assert.deepEqual(out.textAdjusted, ['cleaned', 'linkAttached']);
});

test('More Than 5 Links: Keep First 5 publishes what the default refuses', async () => {
	const links = [1, 2, 3, 4, 5, 6, 7].map((n) => `https://site${n}.example/page`);
	const text = `Seven links: ${links.join(' ')}`;
	const refused = await rig.run([publish({})], [{ text }]);
	assert.match(String(refused.error?.message), /contains 7 links; Threads allows at most 5/);
	const result = await rig.run([publish({ moreLinks: 'keepFirst' })], [{ text }]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	// The link the text ends with is kept first (Shorten would keep it too), then the first others.
	assert.match(
		String(postFor(out.id)?.text),
		/site4\.example\/page site5\[\.\]example\/page site6\[\.\]example\/page https:\/\/site7\.example\/page$/,
	);
	assert.deepEqual(out.textAdjusted, ['linksAsPlainText']);
});

test('every item is fitted and checked before the first request', async () => {
	const unfittable = `https://example.com/${'a'.repeat(600)} and more`;
	const input = [{ text: words(120) }, { text: unfittable }, { text: 'fine' }];
	const stopped = await rig.run([publish({ whenTooLong: 'shorten' })], input);
	assert.match(
		String(stopped.error?.message),
		/^Text cannot be shortened to 500 characters \(When Text Is Too Long: Shorten\): "https:\/\/example\.com\/a+" cannot be cut/,
	);
	assert.deepEqual(rig.requests(), [], 'nothing sent, not even the first item');
	const partial = await rig.run([publish({ whenTooLong: 'shorten' }, true)], input);
	const out = partial.output('Threads');
	assert.equal(typeof out[0].id, 'string');
	assert.match(String(out[1].error), /^Text cannot be shortened/);
	assert.equal(typeof out[2].id, 'string');
});

test('Use First as Link Attachment on an image post with a link is refused, naming the fix', async () => {
	const result = await rig.run(
		[
			{
				name: 'Threads',
				parameters: {
					resource: 'post',
					operation: 'publish',
					mediaType: 'IMAGE',
					imageUrl: 'https://cdn.example/photo.jpg',
					text: '<p>Photo of <a href="https://x.example">x</a></p>',
					options: { cleanHtml: true, htmlLinks: 'moveToAttachment' },
				},
			},
		],
		[{}],
	);
	assert.match(
		String(result.error?.message),
		/^Links in HTML is "Use First as Link Attachment", but this post cannot have a Link Attachment/,
	);
	assert.deepEqual(rig.requests(), []);
});

test('Reply > Create shortens and cleans too (version 2 of the node)', async () => {
	const parent = await rig.run([publish({})], [{ text: 'parent' }]);
	const parentId = parent.output('Threads')[0].id as string;
	const result = await rig.run(
		[
			{
				name: 'Reply',
				typeVersion: 2,
				parameters: {
					resource: 'reply',
					operation: 'create',
					replyToId: { __rl: true, mode: 'id', value: parentId },
					text: `<p>${words(130)}</p>`,
					options: { cleanHtml: true, whenTooLong: 'shorten', includePermalink: false },
				},
			},
		],
		[{}],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Reply');
	const reply = postFor(out.id);
	assert.equal(reply?.replyToId, parentId);
	assert.ok(String(reply?.text).endsWith('…'));
	assert.deepEqual(out.textAdjusted, ['cleaned', 'shortened']);
});
