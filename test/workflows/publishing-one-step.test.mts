// Post > Publish: text, image, video, carousels and replies in one step, with the fewest requests.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import {
	type PublishingRig,
	postsWithSameContent,
	publishCallsFor,
	startPublishingRig,
} from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => {
	rig.sandbox.clearLog();
	rig.sandbox.faults.clear();
	rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 0 });
});
after(async () => await rig.close());

const IMG = 'https://cdn.example.com/photo.jpg';
const VID = 'https://cdn.example.com/clip.mp4';
const publish = (parameters: IDataObject, continueOnFail = false) => ({
	name: 'Threads',
	parameters: { resource: 'post', operation: 'publish', ...parameters },
	continueOnFail,
});

/**
 * The post with this id, once it is shown to have gone out once: no other post in the sandbox's
 * state shows the same content (kind, text, media; counted post by post, not by id), and its
 * container got exactly `publishCalls` threads_publish requests in this test (the whole request log
 * since beforeEach), one of them accepted. Auto-published text needs none: `publishCalls: 0`.
 */
function publishedOnce(id: unknown, { publishCalls = 1 } = {}) {
	const post = rig.sandbox.published().find((p) => p.id === id);
	assert.ok(post, `post ${String(id)} exists`);
	const same = postsWithSameContent(rig.sandbox, id);
	assert.deepEqual(
		same.map((p) => p.id),
		[post.id],
		`post ${String(id)} is the only post with its content`,
	);
	const calls = publishCallsFor(rig.sandbox, post.containerId);
	assert.equal(
		calls.length,
		publishCalls,
		`threads_publish requests for container ${post.containerId} (statuses ${calls.map((c) => c.status).join(', ')})`,
	);
	assert.equal(
		calls.filter((c) => c.status === 200).length,
		Math.min(publishCalls, 1),
		'exactly one publish request was accepted',
	);
	return post;
}

/** Auto-publishing container creations for this text in this test (each one can be a post). */
function autoPublishCreations(text: string) {
	return rig.sandbox.log.filter((entry) => {
		const params = { ...entry.query, ...entry.body };
		return (
			entry.operation === 'createContainer' &&
			String(params.auto_publish_text) === 'true' &&
			params.text === text
		);
	});
}

function paramsOf(containerId: unknown): Record<string, unknown> {
	const container = rig.sandbox.containers().find((c) => c.id === containerId);
	assert.ok(container, `container ${String(containerId)} exists`);
	return container.params;
}

test('a text post takes two requests (create, publish) plus one for the permalink', async () => {
	const result = await rig.run([publish({ mediaType: 'TEXT', text: 'Two requests' })]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const post = publishedOnce(out.id);
	assert.equal(out.permalink, post.permalink);
	assert.equal(out.containerId, post.containerId);
	assert.deepEqual(rig.requests(), ['POST createContainer', 'POST publish', 'GET getMedia']);
});

test('with auto-publish a text post takes one request', async () => {
	const result = await rig.run([
		publish({
			mediaType: 'TEXT',
			text: 'One request',
			options: { autoPublishText: true, includePermalink: false },
		}),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	assert.equal(publishedOnce(out.id, { publishCalls: 0 }).text, 'One request');
	assert.deepEqual(rig.requests(), ['POST createContainer']);
});

test('every text option reaches Threads under its own name', async () => {
	const result = await rig.run([
		publish({
			mediaType: 'TEXT',
			text: 'Vote now: the butler did it',
			options: {
				poll: { choices: { optionA: 'Yes', optionB: 'No', optionC: 'Maybe' } },
				topicTag: 'Mystery',
				replyControl: 'followers_only',
				quotePostId: rig.sandbox.published()[0]?.id ?? '',
				textSpoilers: { range: [{ offset: 10, length: 17 }] },
				locationId: '107000000000002',
				allowlistedCountries: 'us, fr',
				replyApprovals: true,
				shareToInstagram: true,
			},
		}),
		{
			...publish({
				mediaType: 'TEXT',
				text: 'Long read attached',
				options: {
					textAttachment: {
						attachment: {
							plaintext: 'Chapter one. '.repeat(100),
							linkUrl: 'https://example.com/book',
						},
					},
					gifId: '3o7TKSjRrfIPjeiVyM',
					ghostPost: true,
				},
			}),
			name: 'Threads 2',
		},
	]);
	assert.equal(result.error, undefined, result.error?.message);
	// The second node ran on the first node's output item; both containers are in the sandbox.
	const [first, second] = rig.sandbox.containers().slice(-2);
	assert.deepEqual(first.params.poll_attachment, {
		option_a: 'Yes',
		option_b: 'No',
		option_c: 'Maybe',
	});
	assert.equal(first.params.topic_tag, 'Mystery');
	assert.equal(first.params.reply_control, 'followers_only');
	assert.deepEqual(first.params.text_entities, [
		{ entity_type: 'SPOILER', offset: 10, length: 17 },
	]);
	assert.equal(first.params.location_id, '107000000000002');
	assert.deepEqual(first.params.allowlisted_country_codes, ['US', 'FR']);
	assert.equal(first.params.enable_reply_approvals, true);
	assert.equal(first.params.crossreshare_to_ig, true);
	assert.equal(
		(second.params.text_attachment as IDataObject).link_attachment_url,
		'https://example.com/book',
	);
	assert.deepEqual(second.params.gif_attachment, {
		gif_id: '3o7TKSjRrfIPjeiVyM',
		provider: 'GIPHY',
	});
	assert.equal(second.params.is_ghost_post, true);
});

test('an image and a video are created, waited for and published', async () => {
	const result = await rig.run(
		[
			publish({
				mediaType: '={{ $json.kind }}',
				imageUrl: '={{ $json.url }}',
				videoUrl: '={{ $json.url }}',
				text: '={{ $json.caption }}',
				options: { altText: 'Described', spoilerMedia: true, linkAttachment: '' },
			}),
		],
		[
			{ kind: 'IMAGE', url: IMG, caption: 'A photo' },
			{ kind: 'VIDEO', url: `${VID}?sandbox_processing_ms=45000`, caption: 'A clip' },
		],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [photo, clip] = result.output('Threads');
	assert.equal(publishedOnce(photo.id).mediaType, 'IMAGE');
	assert.equal(publishedOnce(clip.id).mediaType, 'VIDEO');
	assert.equal(paramsOf(photo.containerId).alt_text, 'Described');
	assert.equal(paramsOf(clip.containerId).is_spoiler_media, true);
	assert.match(String(clip.permalink), /^https:\/\/www\.threads\.net\/@sandbox_user\/post\//);
});

test('a carousel defined in the node: items created, waited for together, then published', async () => {
	const result = await rig.run([
		publish({
			mediaType: 'CAROUSEL',
			text: 'Album',
			carouselItems: {
				item: [
					{ mediaType: 'IMAGE', url: `${IMG}?a`, altText: 'first' },
					{ mediaType: 'VIDEO', url: `${VID}?sandbox_processing_ms=20000` },
					{ mediaType: 'IMAGE', url: `${IMG}?c` },
				],
			},
			options: { topicTag: 'photos', concurrency: 3 },
		}),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [out] = result.output('Threads');
	const post = publishedOnce(out.id);
	assert.equal(post.mediaType, 'CAROUSEL_ALBUM');
	assert.deepEqual(post.childrenContainerIds, out.childContainerIds);
	for (const child of out.childContainerIds as string[]) {
		assert.equal(publishCallsFor(rig.sandbox, child).length, 0, `item ${child} is not published alone`);
	}
	assert.equal((out.childContainerIds as string[]).length, 3);
	assert.equal(paramsOf((out.childContainerIds as string[])[0]).alt_text, 'first');
	assert.equal(paramsOf(out.containerId).topic_tag, 'photos');
});

test('a carousel from all input items: one post, one output item paired with every input', async () => {
	const input = [1, 2, 3, 4].map((n) => ({
		url: n === 4 ? `${VID}?n=4` : `${IMG}?n=${n}`,
		alt: `Item ${n}`,
	}));
	const result = await rig.run(
		[
			publish({
				mediaType: 'CAROUSEL',
				carouselSource: 'inputItems',
				text: 'From items',
				itemAltText: '={{ $json.alt }}',
			}),
		],
		input,
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [item] = result.items('Threads');
	assert.deepEqual(item.pairedItem, [{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	const children = item.json.childContainerIds as string[];
	assert.equal(children.length, 4);
	assert.equal(rig.sandbox.containers().find((c) => c.id === children[3])?.mediaType, 'VIDEO');
	assert.equal(paramsOf(children[1]).alt_text, 'Item 2');
	assert.equal(publishedOnce(item.json.id).text, 'From items');
});

test('a reply is a post with Reply To ID', async () => {
	const parent = await rig.run([publish({ mediaType: 'TEXT', text: 'Parent' })]);
	const [root] = parent.output('Threads');
	const reply = await rig.run([
		publish({ mediaType: 'TEXT', text: 'Child', options: { replyToId: root.id } }),
	]);
	assert.equal(reply.error, undefined, reply.error?.message);
	const [out] = reply.output('Threads');
	assert.equal(publishedOnce(out.id).replyToId, root.id);
});

test('"Media Not Found" right after FINISHED is retried with backoff', async () => {
	rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 6000 });
	const result = await rig.run([publish({ mediaType: 'IMAGE', imageUrl: IMG })]);
	assert.equal(result.error, undefined, result.error?.message);
	const publishes = rig.requests().filter((r) => r === 'POST publish').length;
	// Every publish request went to this post's container: all refused but the last, which was accepted.
	const post = publishedOnce(result.output('Threads')[0].id, { publishCalls: publishes });
	assert.deepEqual(
		publishCallsFor(rig.sandbox, post.containerId).map((c) => c.status),
		[...Array(publishes - 1).fill(400), 200],
	);
	assert.ok(publishes > 1 && publishes <= 6, `${publishes} publish attempts`);
});

test('"Media Not Found" that never ends is a bounded error carrying the container id', async () => {
	rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 10 * 60_000 });
	const postsBefore = rig.sandbox.published().length;
	const containersBefore = rig.sandbox.containers().length;
	const result = await rig.run([publish({ mediaType: 'IMAGE', imageUrl: IMG })]);
	assert.ok(result.error);
	assert.match(result.error.message, /Media Not Found/);
	assert.equal(rig.requests().filter((r) => r === 'POST publish').length, 6);
	// The one container this run made got all six publish requests, every one refused, and no post.
	const made = rig.sandbox.containers().slice(containersBefore);
	assert.equal(made.length, 1, 'one container was created');
	const calls = publishCallsFor(rig.sandbox, made[0].id);
	assert.deepEqual(calls.map((c) => c.status), [400, 400, 400, 400, 400, 400]);
	assert.notEqual(rig.sandbox.containers().find((c) => c.id === made[0].id)?.status, 'PUBLISHED');
	assert.equal(rig.sandbox.published().length, postsBefore, 'nothing was published');
	assert.ok(rig.sandbox.published().every((p) => p.containerId !== made[0].id));
});

for (const kind of ['lostResponse', 'drop', 'http500', 'transient', 'unknownError'] as const) {
	test(`a publish answered by "${kind}" is resolved by asking Threads, and posts exactly once`, async () => {
		rig.sandbox.faults.inject({ kind, operation: 'publish', times: 1 });
		const text = `Unknown outcome: ${kind}`;
		const result = await rig.run([publish({ mediaType: 'TEXT', text })]);
		assert.equal(result.error, undefined, result.error?.message);
		const [out] = result.output('Threads');
		const posts = rig.sandbox.published().filter((p) => p.text === text);
		assert.equal(posts.length, 1);
		assert.equal(out.id, posts[0].id);
		assert.equal(out.permalink, posts[0].permalink);
		// The lost answer's publish went through, so nothing is resent; the others never acted, and
		// are resent exactly once, after the status check says FINISHED.
		publishedOnce(out.id, { publishCalls: kind === 'lostResponse' ? 1 : 2 });
		const afterFault = rig.requests().slice(rig.requests().indexOf('POST publish') + 1);
		assert.equal(
			afterFault[0],
			'GET containerStatus',
			'the status is asked before anything is resent',
		);
	});
}

test('an auto-published text whose answer is lost is found, not posted again', async () => {
	rig.sandbox.faults.inject({ kind: 'lostResponse', operation: 'createContainer', times: 1 });
	const text = 'Auto-published, answer lost';
	const result = await rig.run([
		publish({ mediaType: 'TEXT', text, options: { autoPublishText: true } }),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const posts = rig.sandbox.published().filter((p) => p.text === text);
	assert.equal(posts.length, 1);
	assert.equal(result.output('Threads')[0].id, posts[0].id);
	publishedOnce(posts[0].id, { publishCalls: 0 });
	assert.equal(autoPublishCreations(text).length, 1, 'the post was not sent again');
});

test('an auto-published text that never arrived is sent again once', async () => {
	rig.sandbox.faults.inject({ kind: 'drop', operation: 'createContainer', times: 1 });
	const text = 'Auto-published, request dropped';
	const result = await rig.run([
		publish({ mediaType: 'TEXT', text, options: { autoPublishText: true } }),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	assert.equal(rig.sandbox.published().filter((p) => p.text === text).length, 1);
	publishedOnce(result.output('Threads')[0].id, { publishCalls: 0 });
	assert.deepEqual(
		autoPublishCreations(text).map((c) => c.status),
		[0, 200],
		'the dropped request, then one resend',
	);
});

test('a failed carousel item names the item and hands back the item container ids', async () => {
	const result = await rig.run([
		publish(
			{
				mediaType: 'CAROUSEL',
				carouselItems: {
					item: [
						{ mediaType: 'IMAGE', url: IMG },
						{ mediaType: 'VIDEO', url: `${VID}?sandbox_error=INVALID_FRAME_RATE` },
					],
				},
			},
			true,
		),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [failed] = result.output('Threads');
	assert.match(
		String(failed.error),
		/^Carousel item 2 \(container \d+\) could not be processed: The video frame rate/,
	);
	assert.equal((failed.childContainerIds as string[]).length, 2);
	assert.equal(failed.containerId, (failed.childContainerIds as string[])[1]);
});

test('an auto-published ghost post whose answer is lost is found among the ghost posts', async () => {
	rig.sandbox.faults.inject({ kind: 'lostResponse', operation: 'createContainer', times: 1 });
	const text = 'Ghost, answer lost';
	const result = await rig.run([publish({ mediaType: 'TEXT', text, options: { autoPublishText: true, ghostPost: true } })]);
	assert.equal(result.error, undefined, result.error?.message);
	assert.equal(rig.sandbox.published().filter((p) => p.text === text).length, 1);
	assert.ok(rig.requests().includes('GET getGhostPosts'));
	publishedOnce(result.output('Threads')[0].id, { publishCalls: 0 });
	assert.equal(autoPublishCreations(text).length, 1, 'the post was not sent again');
});

test('an error after the container exists names it, so the workflow can resume', async () => {
	rig.sandbox.configure({ mediaNotFoundAfterFinishedMs: 10 * 60_000 });
	const result = await rig.run([publish({ mediaType: 'TEXT', text: 'Resume me' })]);
	assert.ok(result.error);
	const container = rig.sandbox.containers().find((c) => c.text === 'Resume me');
	assert.match(String(result.error.description), new RegExp(`Container ID: ${container?.id}`));
});
