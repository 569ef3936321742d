/**
 * End to end: the feed examples in a real n8n 2.40.7 with n8n's own Schedule Trigger, RSS Read,
 * Filter and Remove Duplicates, reading feeds from a local server (RSS 2.0 and Atom built from the
 * corpus in test/fixtures/feed-items/) and posting to the local sandbox. Each workflow is imported
 * with its feed URL pointed at that server and run through the REST API as the editor does.
 *
 * - rss-to-threads.json on the RSS feed and on the Atom feed: the first run posts every item once
 *   with valid text, the second run posts nothing (Remove Duplicates across executions);
 * - the same with When Text Is Too Long set to Split Into a Thread: the over-long item becomes a chain;
 * - rss-to-thread-chain.json: a long article becomes one numbered thread;
 * - rss-image-to-threads.json: image enclosures become image posts, other items are filtered out;
 *   the sandbox downloads each image from the feed server, as Threads would from the feed's host;
 * - a burst larger than the quota left (lowered through the sandbox's control API): the quota's
 *   worth is posted, the rest deferred, and the run succeeds.
 *
 * THREADS_E2E_KEEP=1 keeps the user folder.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { startSandbox, type PublishedPost, type Sandbox } from '../../sandbox/index.mts';
import { importWorkflows } from '../../scripts/n8n/cli.mts';
import { stableId } from '../../scripts/n8n/ids.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import {
	importSandboxCredential,
	SANDBOX_CREDENTIAL_NAME,
} from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import {
	bindCredential,
	type ExecutionResult,
	type WorkflowJson,
} from '../../scripts/n8n/workflow-data.mts';
import { threadsTextLength } from '../../nodes/Threads/posts/textLimits.ts';
import { FEED_ITEMS } from '../fixtures/feed-items/index.mts';
import {
	type FeedEntry,
	type FeedServer,
	atomFeed,
	entriesFrom,
	rssFeed,
	startFeedServer,
	TINY_JPEG,
} from '../fixtures/feed-server.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { checkFeedPosts } from '../helpers/feed-posts.mts';
import { findSecrets } from '../helpers/secret-scan.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'e2eFeedsCred0001';
const log = (line: string) => console.log(`# ${line}`);

let sandbox: Sandbox;
let feeds: FeedServer;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
let accessToken: string;
const answers: string[] = [];

const RSS_ITEMS = FEED_ITEMS.filter((item) => item.format === 'rss');
const ATOM_ITEMS = FEED_ITEMS.filter((item) => item.format === 'atom');
const rssEntries = entriesFrom(RSS_ITEMS, 'RSS item');
const atomEntries = entriesFrom(ATOM_ITEMS, 'Atom item');
/** An over-long item (six corpus items' HTML) between two short ones. */
const longHtml = RSS_ITEMS.slice(0, 6)
	.map((item) => item.html.replace(/^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/, '$1'))
	.join('\n');
const LONG_ITEMS = [RSS_ITEMS[1], { ...RSS_ITEMS[0], html: longHtml }, RSS_ITEMS[6]];
const longEntries = entriesFrom(LONG_ITEMS, 'Long feed item');
const [articleEntry] = entriesFrom([{ ...RSS_ITEMS[0], html: longHtml }], 'Article');
const BURST_ITEMS = FEED_ITEMS.slice(0, 8);
const burstEntries = entriesFrom(BURST_ITEMS, 'Burst item');
const IMAGE_ITEMS = FEED_ITEMS.slice(12, 16);
const IMAGE_HOST = 'images.feeds.example';

interface Example {
	id: string;
	file: string;
	feedPath: string;
	/** Changes to the Threads node's options (a variant of the example). */
	options?: Record<string, unknown>;
}

const EXAMPLES = {
	rss: { file: 'rss-to-threads.json', feedPath: '/rss.xml' },
	atom: { file: 'rss-to-threads.json', feedPath: '/atom.xml' },
	split: {
		file: 'rss-to-threads.json',
		feedPath: '/long.xml',
		options: { whenTooLong: 'split', threadNumbering: 'slash' },
	},
	chain: { file: 'rss-to-thread-chain.json', feedPath: '/blog.xml' },
	images: { file: 'rss-image-to-threads.json', feedPath: '/images.xml' },
	burst: { file: 'rss-to-threads.json', feedPath: '/burst.xml' },
} satisfies Record<string, Omit<Example, 'id'>>;
type ExampleName = keyof typeof EXAMPLES;
const ids = Object.fromEntries(
	Object.keys(EXAMPLES).map((name) => [name, stableId(`e2e-feeds:${name}`)]),
) as Record<ExampleName, string>;

function prepared(name: ExampleName): WorkflowJson {
	const { file, feedPath, options } = EXAMPLES[name] as Omit<Example, 'id'>;
	const workflow = JSON.parse(
		readFileSync(path.join(repoRoot, 'examples', file), 'utf8'),
	) as WorkflowJson;
	workflow.id = ids[name];
	workflow.name = `${workflow.name} (${name})`;
	const credential = {
		id: CREDENTIAL_ID,
		name: SANDBOX_CREDENTIAL_NAME,
		type: THREADS_CREDENTIAL_TYPE,
	};
	assert.equal(bindCredential(workflow, credential), 1, `${file} has one Threads credential`);
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.rssFeedRead') parameters.url = `${feeds.url}${feedPath}`;
		if (node.type === THREADS_NODE_TYPE && options) {
			parameters.options = { ...(parameters.options as object), ...options };
		}
	}
	return workflow;
}

const threadsNodeOf = (name: ExampleName) =>
	prepared(name).nodes.find((node) => node.type === THREADS_NODE_TYPE)!.name;

/** Runs a workflow as the editor's Execute button does; the Threads node's output ([] if it did not run). */
async function run(name: ExampleName): Promise<Array<Record<string, unknown>>> {
	const ex: ExecutionResult = await client.runWorkflow(ids[name]);
	answers.push(JSON.stringify(ex));
	const error = ex.data.resultData.error;
	assert.equal(ex.status, 'success', `${name}: ${JSON.stringify(error ?? {}).slice(0, 1500)}`);
	const runs = ex.data.resultData.runData[threadsNodeOf(name)];
	return (runs?.[runs.length - 1]?.data?.main?.[0] ?? []).map((item) => item.json);
}

const published = () => sandbox.published();
const containerOf = (post: PublishedPost) =>
	sandbox.containers().find((container) => container.id === post.containerId);
const linkAttachmentOf = (post: PublishedPost) =>
	containerOf(post)?.params.link_attachment as string | undefined;

/** Runs an example twice on a feed; checks the first posts every entry once and the second nothing. */
async function twice(name: ExampleName, entries: FeedEntry[], items: typeof FEED_ITEMS) {
	const before = published().length;
	const first = await run(name);
	const check = checkFeedPosts(published(), entries, items, linkAttachmentOf);
	const afterFirst = published().length;
	const second = await run(name);
	const secondPosted = published().length - afterFirst;
	log(
		`${name}: items ${entries.length}, posted ${check.postedOnce.length}, deferred ${first.filter((o) => o.status === 'DEFERRED').length}, second run posted ${secondPosted}`,
	);
	assert.deepEqual([check.missing, check.duplicated, check.problems], [[], [], []]);
	assert.equal(first.length, entries.length);
	assert.equal(second.length, 0, 'Remove Duplicates lets nothing through the second time');
	assert.equal(secondPosted, 0);
	return { first, posts: published().slice(before, afterFirst) };
}

describe('the feed examples in a real n8n', { timeout: 20 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		feeds = await startFeedServer();
		// Publish takes only public image URLs: the enclosures name a public-looking host, which the
		// sandbox downloads from the feed server (as Threads would from the feed's own host).
		sandbox = await startSandbox({ port: 0, mediaFetchHosts: [`${IMAGE_HOST}=127.0.0.1`] });
		feeds.serve('/rss.xml', rssFeed('Fixture RSS', rssEntries), 'application/rss+xml');
		feeds.serve('/atom.xml', atomFeed('Fixture Atom', atomEntries), 'application/atom+xml');
		feeds.serve('/long.xml', rssFeed('Fixture long', longEntries), 'application/rss+xml');
		feeds.serve('/blog.xml', rssFeed('Fixture blog', [articleEntry]), 'application/rss+xml');
		feeds.serve('/burst.xml', rssFeed('Fixture burst', burstEntries), 'application/rss+xml');
		const imageBase = `http://${IMAGE_HOST}:${new URL(feeds.url).port}`;
		for (const index of [0, 2]) feeds.serve(`/img/photo-${index}.jpg`, TINY_JPEG, 'image/jpeg');
		const images = IMAGE_ITEMS.map((item, index) => ({
			...item,
			enclosure:
				index === 1
					? { url: `${imageBase}/audio/episode.mp3`, type: 'audio/mpeg' }
					: index === 3
						? undefined
						: { url: `${imageBase}/img/photo-${index}.jpg`, type: 'image/jpeg' },
		}));
		feeds.serve(
			'/images.xml',
			rssFeed('Fixture images', entriesFrom(images, 'Photo item')),
			'application/rss+xml',
		);

		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-feeds-'));
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-feeds@example.com', password: 'E2e-feeds-password-1' },
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		accessToken = sandbox.issueToken({ kind: 'long' });
		await importSandboxCredential(opts, sandbox, CREDENTIAL_ID, accessToken);
		await importWorkflows(
			opts,
			(Object.keys(EXAMPLES) as ExampleName[]).map((name) => prepared(name)),
		);
		server = await startN8n(opts);
		client = await server.login();
		log(`n8n ${server.url}, feeds ${feeds.url}, sandbox ${sandbox.url}`);
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		await feeds?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1')
			rmSync(userFolder, { recursive: true, force: true });
		else if (userFolder) log(`kept ${userFolder}`);
	});

	it('rss-to-threads.json on an RSS 2.0 feed: every item posted once with valid text and its link as the card, the second run posts nothing', async () => {
		const { posts } = await twice('rss', rssEntries, RSS_ITEMS);
		const links = new Map(rssEntries.map((entry) => [entry.title, entry.link]));
		for (const post of posts) {
			assert.equal(
				linkAttachmentOf(post),
				links.get(post.text.split('\n')[0]),
				post.text.slice(0, 40),
			);
		}
		assert.equal(feeds.hits('/rss.xml'), 2);
	});

	it('rss-to-threads.json on an Atom feed: the same', async () => {
		await twice('atom', atomEntries, ATOM_ITEMS);
	});

	it('with When Text Is Too Long set to Split Into a Thread, the over-long item becomes a chain', async () => {
		const out = await run('split');
		const chain = out.find((item) => Array.isArray(item.ids));
		assert.ok(chain, 'one item became a thread');
		const parts = (chain.ids as string[]).map((id) => published().find((post) => post.id === id)!);
		parts.forEach((post, index) => {
			assert.ok(post.text.endsWith(`\n${index + 1}/${parts.length}`));
			assert.ok(threadsTextLength(post.text) <= 500);
			assert.equal(post.replyToId, index === 0 ? undefined : parts[index - 1].id);
		});
		assert.ok(parts[0].text.startsWith('Long feed item 2\n'));
		log(
			`split: items ${longEntries.length}, posted ${out.length} (one as a chain of ${parts.length})`,
		);
		assert.equal(out.length, 3);
		assert.equal(out.filter((item) => item.status === 'PUBLISHED').length, 3);
	});

	it('rss-to-thread-chain.json: a long article becomes one numbered thread, once', async () => {
		const [thread] = await run('chain');
		const parts = (thread.ids as string[]).map((id) => published().find((post) => post.id === id)!);
		assert.ok(parts.length >= 3, `${parts.length} parts`);
		parts.forEach((post, index) => {
			assert.ok(post.text.endsWith(`\n${index + 1}/${parts.length}`));
			assert.equal(post.replyToId, index === 0 ? undefined : parts[index - 1].id);
		});
		assert.ok(parts[0].text.startsWith('Article 1\n\n'));
		assert.equal(linkAttachmentOf(parts[0]), articleEntry.link);
		assert.deepEqual(await run('chain'), []);
		log(`chain: 1 article, ${parts.length} parts, second run posted 0`);
	});

	it('rss-image-to-threads.json: image enclosures become image posts, other items are filtered out', async () => {
		const out = await run('images');
		assert.equal(out.length, 2);
		for (const item of out) {
			const post = published().find((p) => p.id === item.id)!;
			assert.equal(post.mediaType, 'IMAGE');
			assert.match(String(containerOf(post)?.params.image_url), /\/img\/photo-[02]\.jpg$/);
		}
		// Each image came from the feed server, byte for byte.
		const downloads = sandbox.mediaDownloads().filter((d) => d.url.includes(IMAGE_HOST));
		const jpeg = createHash('sha256').update(TINY_JPEG).digest('hex');
		assert.deepEqual(
			downloads.map((d) => [d.state, d.contentType, d.sha256]),
			[
				['ok', 'image/jpeg', jpeg],
				['ok', 'image/jpeg', jpeg],
			],
		);
		assert.deepEqual([feeds.hits('/img/photo-0.jpg'), feeds.hits('/img/photo-2.jpg')], [1, 1]);
		assert.deepEqual(await run('images'), []);
		log(`images: items ${IMAGE_ITEMS.length}, image posts ${out.length}, second run posted 0`);
	});

	it('a burst larger than the quota left: the quota is posted, the rest deferred, the run succeeds', async () => {
		const all = (await (
			await fetch(`${sandbox.url}/__sandbox/published`)
		).json()) as PublishedPost[];
		const used = all.filter((post) => !post.replyToId).length;
		const set = await fetch(`${sandbox.url}/__sandbox/config`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ quotas: { posts: used + 3 } }),
		});
		assert.equal(set.status, 200);
		const out = await run('burst');
		const posted = out.filter((item) => item.status === 'PUBLISHED').length;
		const deferred = out.filter((item) => item.status === 'DEFERRED');
		log(`burst: items ${burstEntries.length}, posted ${posted}, deferred ${deferred.length}`);
		assert.deepEqual([posted, deferred.length], [3, 5]);
		assert.ok(
			deferred.every(
				(item) => item.reason === 'quota' && String(item.text).startsWith('Burst item '),
			),
		);
		const check = checkFeedPosts(published(), burstEntries, BURST_ITEMS, linkAttachmentOf);
		assert.equal(check.postedOnce.length, 3);
		assert.deepEqual(check.problems, []);
	});

	it('no token or app secret in what n8n answered', () => {
		const leaks = findSecrets(answers.join('\n'), [accessToken, sandbox.app.clientSecret]);
		assert.deepEqual(leaks, []);
	});
});
