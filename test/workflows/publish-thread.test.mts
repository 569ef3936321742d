// Post > Publish Thread: a root post and its replies in order, from a split text, a list in the node or the input items.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import type { PublishedPost } from '../../sandbox/index.mts';
import { runWorkflow, threadsWorkflow } from '../helpers/n8n-engine.mts';
import { type PublishingRig, publishCallsFor, startPublishingRig } from '../helpers/publishing-rig.mts';
import { byUrl } from '../helpers/reading-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => {
	rig.sandbox.clearLog();
	rig.sandbox.faults.clear();
});
after(async () => await rig.close());

const IMG = 'https://cdn.example.com/thread.jpg';
const VID = 'https://cdn.example.com/thread.mp4';
const thread = (parameters: IDataObject) => ({
	name: 'Threads',
	parameters: { resource: 'post', operation: 'publishThread', ...parameters },
});

/** The sandbox's posts with these ids, in order; each must exist once, reply to the one before, and be published once. */
function chainOf(ids: unknown): PublishedPost[] {
	assert.ok(Array.isArray(ids), 'ids is a list');
	const posts = (ids as string[]).map((id) => {
		const post = rig.sandbox.published().find((p) => p.id === id);
		assert.ok(post, `post ${id} exists`);
		return post;
	});
	posts.forEach((post, index) => {
		if (index === 0) assert.equal(post.replyToId, undefined, 'the root is no reply');
		else assert.equal(post.replyToId, posts[index - 1].id, `part ${index + 1} replies to part ${index}`);
		assert.equal(
			rig.sandbox.published().filter((p) => p.text === post.text && p.mediaType === post.mediaType).length,
			1,
			`part ${index + 1} went out once`,
		);
		const accepted = publishCallsFor(rig.sandbox, post.containerId).filter((call) => call.status === 200);
		assert.ok(accepted.length <= 1, `part ${index + 1}: at most one publish request accepted`);
	});
	return posts;
}

const paragraphs = (prefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${prefix} paragraph ${i + 1}. ${'Words that fill the part. '.repeat(12)}`.trim()).join('\n\n');

test('a long text is split into a chain: root first, each part a reply to the one before', async () => {
	const result = await rig.run([thread({ threadSource: 'text', threadText: paragraphs('Split', 4) })]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const posts = chainOf(out.ids);
	assert.ok(posts.length >= 2, `${posts.length} parts`);
	assert.equal(out.parts, posts.length);
	assert.equal(out.id, posts[0].id);
	assert.equal(out.permalink, posts[0].permalink);
	assert.ok(posts.every((p) => [...p.text].length <= 500));
	assert.ok(posts[0].text.startsWith('Split paragraph 1.'));
	// Two requests a part, then the root's permalink; the quota is read first.
	assert.deepEqual(rig.requests(), [
		'GET publishingLimit',
		...posts.flatMap(() => ['POST createContainer', 'POST publish']),
		'GET getMedia',
	]);
});

test('numbering ends every part with n/N on a line of its own', async () => {
	const result = await rig.run([
		thread({ threadSource: 'text', threadText: paragraphs('Numbered', 3), numbering: 'slash' }),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const posts = chainOf(result.output('Threads')[0].ids);
	posts.forEach((post, index) => assert.ok(post.text.endsWith(`\n${index + 1}/${posts.length}`), post.text));
});

test('parts listed in the node, media on any part, the root with its options and the replies with theirs', async () => {
	const result = await rig.run([
		thread({
			threadSource: 'list',
			numbering: 'slash',
			parts: {
				part: [
					{ text: 'Listed root', mediaType: 'auto', mediaUrl: '' },
					{ text: 'Listed photo', mediaType: 'IMAGE', mediaUrl: IMG, altText: 'A photo' },
					{ text: 'Listed clip', mediaType: 'auto', mediaUrl: `${VID}?sandbox_processing_ms=30000` },
					{ text: 'Listed end', mediaType: 'TEXT', mediaUrl: '' },
				],
			},
			options: { topicTag: 'Chains', replyControl: 'followers_only', linkAttachment: 'https://example.com/story' },
			replyOptions: { autoPublishText: true },
		}),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const posts = chainOf(out.ids);
	assert.deepEqual(
		posts.map((p) => [p.mediaType, p.text]),
		[
			['TEXT_POST', 'Listed root\n1/4'],
			['IMAGE', 'Listed photo\n2/4'],
			['VIDEO', 'Listed clip\n3/4'],
			['TEXT_POST', 'Listed end\n4/4'],
		],
	);
	const params = (post: PublishedPost) => rig.sandbox.containers().find((c) => c.id === post.containerId)!.params;
	assert.equal(params(posts[0]).topic_tag, 'Chains');
	assert.equal(params(posts[0]).reply_control, 'followers_only');
	assert.equal(params(posts[0]).link_attachment, 'https://example.com/story');
	assert.equal(params(posts[1]).alt_text, 'A photo');
	for (const reply of posts.slice(1)) {
		assert.equal(params(reply).topic_tag, undefined, 'root options stay on the root');
		assert.equal(params(reply).reply_control, undefined);
	}
	// Reply Options > Auto-Publish Text: the text reply is created and published in one request.
	assert.equal(params(posts[3]).auto_publish_text, true);
	assert.equal(params(posts[0]).auto_publish_text, undefined);
});

test('one part per input item: one thread, one output item paired with every input', async () => {
	const input = [
		{ text: 'From items: the headline', image: IMG },
		{ text: 'From items: the detail', image: '' },
		{ text: 'From items: the link https://example.com/a', image: '' },
	];
	const result = await rig.run(
		[
			thread({
				threadSource: 'inputItems',
				partText: '={{ $json.text }}',
				partMediaUrl: '={{ $json.image }}',
				partAltText: '={{ $json.image ? "Headline photo" : "" }}',
				options: { includePermalink: false },
			}),
		],
		input,
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [item] = result.items('Threads');
	assert.equal(result.items('Threads').length, 1);
	assert.deepEqual(item.pairedItem, [{ item: 0 }, { item: 1 }, { item: 2 }]);
	const posts = chainOf(item.json.ids);
	assert.deepEqual(
		posts.map((p) => [p.mediaType, p.text]),
		input.map((i) => [i.image ? 'IMAGE' : 'TEXT_POST', i.text]),
	);
	assert.equal(item.json.permalink, undefined);
	assert.ok(!rig.requests().includes('GET getMedia'), 'no permalink read');
});

test('each input item of a split or listed source is its own thread', async () => {
	const result = await rig.run(
		[thread({ threadSource: 'text', threadText: '={{ $json.body }}', numbering: 'slash' })],
		[{ body: paragraphs('First thread', 2) }, { body: paragraphs('Second thread', 2) }],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [first, second] = result.output('Threads');
	assert.ok(chainOf(first.ids)[0].text.startsWith('First thread'));
	assert.ok(chainOf(second.ids)[0].text.startsWith('Second thread'));
	assert.equal(rig.requests().filter((r) => r === 'GET publishingLimit').length, 1, 'the quota is read once');
});

test('each part gets the retries of a Publish item: twelve images each published early four times', async () => {
	// Every image answers "Media Not Found" for 14 s after processing: four re-asks (1, 2, 4, 8 s) each,
	// 48 in all, more than one item's budget of 40.
	rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 14_000 });
	try {
		const parts = Array.from({ length: 12 }, (_, i) => ({ text: `Patient ${i + 1}`, mediaType: 'IMAGE', mediaUrl: `${IMG}?patient=${i}` }));
		const result = await rig.run([thread({ threadSource: 'list', parts: { part: parts }, options: { includePermalink: false } })]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(chainOf(result.output('Threads')[0].ids).length, 12);
		assert.ok(rig.requests().filter((r) => r === 'POST publish').length >= 12 * 5, 'every part was published early four times');
	} finally {
		rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 0 });
	}
});

test('a split keeps every link, @mention and #hashtag whole, with at most 5 links a part', async () => {
	const links = Array.from({ length: 12 }, (_, i) => `https://news${i}.example.com/story/${i}`);
	const threadText = `Reading list from @sandbox_friend #weekend: ${links.map((link, i) => `Story ${i + 1} ${link}`).join(' and ')}.`;
	const result = await rig.run([thread({ threadSource: 'text', threadText, numbering: 'slash' })]);
	assert.equal(result.error, undefined, result.error?.message);
	const posts = chainOf(result.output('Threads')[0].ids);
	const words = posts.flatMap((post) => post.text.replace(/\n\d+\/\d+$/, '').split(/\s+/));
	for (const link of links) assert.ok(words.some((word) => word.startsWith(link)), `${link} whole`);
	assert.ok(words.includes('@sandbox_friend') && words.includes('#weekend:'));
	for (const post of posts) assert.ok((post.text.match(/https:\/\//g) ?? []).length <= 5, post.text);
	assert.ok(posts.length >= 3, `${posts.length} parts`);
});

test('version 2: the root quotes a post given by its URL, looked up when the thread runs', async () => {
	const made = await rig.run([{ name: 'Threads', parameters: { resource: 'post', operation: 'publish', mediaType: 'TEXT', text: 'Worth quoting' } }]);
	const quoted = rig.sandbox.published().find((post) => post.id === made.output('Threads')[0].id)!;
	const result = await runWorkflow(
		threadsWorkflow(
			{
				resource: 'post',
				operation: 'publishThread',
				threadSource: 'list',
				parts: { part: [{ text: 'Quoting root', mediaType: 'TEXT' }, { text: 'Quoting reply', mediaType: 'TEXT' }] },
				options: { quotePostId: byUrl(quoted.permalink) },
			},
			rig.ref,
			{ typeVersion: 2 },
		),
		{ credentials: rig.store },
	);
	assert.equal(result.error, undefined, result.error?.message);
	const posts = chainOf(result.output('Threads')[0].ids);
	const params = (post: PublishedPost) => rig.sandbox.containers().find((c) => c.id === post.containerId)!.params;
	assert.equal(params(posts[0]).quote_post_id, quoted.id);
	assert.equal(params(posts[1]).quote_post_id, undefined);
});
