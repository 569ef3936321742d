// The feed examples as shipped (credential and feed URL rebound), run by n8n's engine against the
// sandbox with stand-ins for the core nodes (test/helpers/feed-engine.mts): every new item posted
// once with valid text, nothing on the next run, a burst beyond the quota deferred, a long article as
// a numbered thread, image enclosures as image posts. The real nodes run them in
// test/e2e/rss-to-threads.test.mts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import type { PublishedPost } from '../../sandbox/index.mts';
import { ATOM_ITEMS } from '../fixtures/feed-items/atom.mts';
import { FEED_ITEMS } from '../fixtures/feed-items/index.mts';
import { RSS_ITEMS } from '../fixtures/feed-items/rss.mts';
import { type FeedEntry, entriesFrom, parsedEntry } from '../fixtures/feed-server.mts';
import { type FeedStandIns, feedStandIns } from '../helpers/feed-engine.mts';
import { checkFeedPosts } from '../helpers/feed-posts.mts';
import { leftoverEntity, leftoverMarkup } from '../helpers/feed-text-checks.mts';
import {
	THREADS_NODE_TYPE,
	type WorkflowJson,
	repoRoot,
	runWorkflow,
} from '../helpers/n8n-engine.mts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
let core: FeedStandIns;
before(async () => {
	rig = await startPublishingRig();
	core = feedStandIns();
});
after(async () => await rig.close());

/** An example with the rig's credential and its feed URL set to `feedUrl`. */
function example(file: string, feedUrl: string): WorkflowJson {
	const workflow = JSON.parse(
		readFileSync(path.join(repoRoot, 'examples', file), 'utf8'),
	) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.threadsOAuth2Api) node.credentials.threadsOAuth2Api = rig.ref;
		if (node.type === 'n8n-nodes-base.rssFeedRead') node.parameters.url = feedUrl;
	}
	return workflow;
}

async function run(workflow: WorkflowJson) {
	const result = await runWorkflow(workflow, { credentials: rig.store, nodeTypes: core.nodeTypes });
	assert.equal(result.error, undefined, result.error?.message);
	const threads = workflow.nodes.find((node) => node.type === THREADS_NODE_TYPE)!;
	return result.output(threads.name);
}

function serve(url: string, entries: FeedEntry[], format: 'rss' | 'atom'): void {
	core.feeds.set(
		url,
		entries.map((entry) => parsedEntry(entry, format)),
	);
}

const linkAttachmentOf = (post: PublishedPost) => {
	const container = rig.sandbox.containers().find((c) => c.id === post.containerId);
	return container?.params.link_attachment as string | undefined;
};

for (const [format, items] of [
	['rss', RSS_ITEMS],
	['atom', ATOM_ITEMS],
] as const) {
	test(`rss-to-threads.json, ${format}: every new item posted once with valid text and its link as the card; the next run posts nothing`, async () => {
		const entries = entriesFrom(items, `Engine ${format}`);
		const url = `https://feeds.test/${format}.xml`;
		serve(url, entries, format);
		const workflow = example('rss-to-threads.json', url);
		const first = await run(workflow);
		assert.equal(first.length, entries.length);
		assert.ok(first.every((item) => item.status === 'PUBLISHED'));
		const check = checkFeedPosts(rig.sandbox.published(), entries, items, linkAttachmentOf);
		assert.deepEqual([check.missing, check.duplicated, check.problems], [[], [], []]);
		for (const entry of entries) {
			const post = rig.sandbox.published().find((p) => p.text.startsWith(`${entry.title}\n`));
			assert.equal(linkAttachmentOf(post!), entry.link, entry.title);
		}
		const before = rig.sandbox.published().length;
		assert.deepEqual(await run(workflow), []);
		assert.equal(rig.sandbox.published().length, before, 'the second run posts nothing');
	});
}

test('rss-to-threads.json: a burst larger than the quota posts what it holds and defers the rest', async () => {
	const entries = entriesFrom(FEED_ITEMS.slice(0, 8), 'Burst');
	serve('https://feeds.test/burst.xml', entries, 'rss');
	const used = rig.sandbox.published().filter((post) => !post.replyToId).length;
	rig.sandbox.configure({ quotas: { posts: used + 3 } });
	const out = await run(example('rss-to-threads.json', 'https://feeds.test/burst.xml'));
	rig.sandbox.configure({ quotas: { posts: 250 } });
	assert.deepEqual(
		out.map((item) => item.status),
		[...Array(3).fill('PUBLISHED'), ...Array(5).fill('DEFERRED')],
	);
	const check = checkFeedPosts(rig.sandbox.published(), entries, FEED_ITEMS, linkAttachmentOf);
	assert.equal(check.postedOnce.length, 3);
	assert.equal(check.problems.length, 0, check.problems.join('\n'));
	assert.ok(out.slice(3).every((item) => String(item.text).startsWith('Burst ')));
});

test('rss-to-thread-chain.json: a long article becomes one numbered thread, once', async () => {
	const sources = FEED_ITEMS.filter((item) => item.format === 'rss').slice(0, 6);
	const article = sources
		.map((item) => item.html.replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1'))
		.join('\n');
	const literalMarkup = sources.flatMap((item) => item.literalMarkup ?? []);
	const [entry] = entriesFrom([{ ...RSS_ITEMS[0], html: article }], 'Article');
	serve('https://feeds.test/blog.xml', [entry], 'rss');
	const workflow = example('rss-to-thread-chain.json', 'https://feeds.test/blog.xml');
	const [out] = (await run(workflow)) as IDataObject[];
	const ids = out.ids as string[];
	assert.ok(ids.length >= 3, `${ids.length} parts`);
	const posts = ids.map((id) => rig.sandbox.published().find((post) => post.id === id)!);
	posts.forEach((post, index) => {
		assert.ok(post.text.endsWith(`\n${index + 1}/${ids.length}`));
		assert.ok(threadsTextLength(post.text) <= 500);
		assert.equal(leftoverMarkup(post.text.replace(/\s+/g, ' '), literalMarkup), undefined);
		assert.equal(leftoverEntity(post.text), undefined);
		assert.equal(post.replyToId, index === 0 ? undefined : ids[index - 1]);
	});
	assert.ok(posts[0].text.startsWith('Article 1\n\n'));
	assert.equal(linkAttachmentOf(posts[0]), entry.link);
	assert.deepEqual(await run(workflow), []);
});

test('rss-image-to-threads.json: items with an image enclosure become image posts, the others are left out', async () => {
	const withImages = FEED_ITEMS.slice(10, 14).map((item, index) => ({
		...item,
		enclosure:
			index === 1
				? { url: 'https://cdn.feeds.test/episode.mp3', type: 'audio/mpeg' }
				: index === 3
					? undefined
					: { url: `https://cdn.feeds.test/img/photo-${index}.jpg`, type: 'image/jpeg' },
	}));
	const entries = entriesFrom(withImages, 'Photo');
	serve('https://feeds.test/images.xml', entries, 'rss');
	const workflow = example('rss-image-to-threads.json', 'https://feeds.test/images.xml');
	const out = await run(workflow);
	assert.equal(out.length, 2);
	for (const item of out) {
		const post = rig.sandbox.published().find((p) => p.id === item.id)!;
		const entry = entries.find((e) => post.text.startsWith(`${e.title}\n`))!;
		const container = rig.sandbox.containers().find((c) => c.id === post.containerId);
		assert.equal(post.mediaType, 'IMAGE');
		assert.equal(container?.params.image_url, entry.enclosure?.url);
		assert.equal(container?.params.alt_text, entry.title);
		assert.ok(post.text.trimEnd().endsWith(entry.link), 'the link the text ends with is kept');
	}
	const check = checkFeedPosts(rig.sandbox.published(), entries, withImages);
	assert.deepEqual(check.problems, []);
	assert.deepEqual(await run(workflow), []);
});
