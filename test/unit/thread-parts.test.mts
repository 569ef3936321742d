// A thread's parts and the quota it needs: pure rules, no request.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OPTION_LABELS } from '../../nodes/Threads/posts/optionRules.ts';
import { DEFAULT_WAIT } from '../../nodes/Threads/posts/postSpec.ts';
import {
	type ThreadPart,
	numberParts,
	partMediaType,
	partSpec,
	threadProblems,
} from '../../nodes/Threads/posts/threadParts.ts';
import { threadNeed, threadsBeyondQuota } from '../../nodes/Threads/publishing/threadQuota.ts';

const text = (value: string): ThreadPart => ({ text: value, mediaType: 'TEXT' });

test('numbering puts n/N on a line of its own, also on a part without text; a single part keeps its text', () => {
	assert.deepEqual(
		numberParts([text('One '), { text: '', mediaType: 'IMAGE', mediaUrl: 'https://e.com/a.jpg' }, text('Three')], 'slash').map((p) => p.text),
		['One\n1/3', '2/3', 'Three\n3/3'],
	);
	assert.deepEqual(numberParts([text('Alone')], 'slash').map((p) => p.text), ['Alone']);
	assert.deepEqual(numberParts([text('a'), text('b')], 'none').map((p) => p.text), ['a', 'b']);
});

test('a part\'s media type: "From URL" is text without a URL, video for .mp4/.mov/.m4v, image otherwise', () => {
	assert.equal(partMediaType('auto', ''), 'TEXT');
	assert.equal(partMediaType('auto', 'https://e.com/clip.MP4?x=1'), 'VIDEO');
	assert.equal(partMediaType('auto', 'https://e.com/photo.png'), 'IMAGE');
	assert.equal(partMediaType('IMAGE', ''), 'IMAGE');
});

test('the root takes the root options; a reply takes only the reply options that fit its kind', () => {
	const root = { topicTag: 'News', autoPublishText: true };
	const replies = { autoPublishText: true, spoilerMedia: true };
	assert.deepEqual(partSpec(text('Root'), 0, root, replies).options, root);
	assert.deepEqual(partSpec(text('Reply'), 1, root, replies).options, { autoPublishText: true });
	const image: ThreadPart = { text: '', mediaType: 'IMAGE', mediaUrl: 'https://e.com/a.jpg', altText: 'Alt' };
	assert.deepEqual(partSpec(image, 2, root, replies), {
		mediaType: 'IMAGE',
		text: '',
		imageUrl: 'https://e.com/a.jpg',
		options: { spoilerMedia: true, altText: 'Alt' },
	});
});

test('each part is checked as what it is: the root as a post, the others as replies, the message naming the part', () => {
	const parts = [text('Root'), { ...text('x'.repeat(501)), source: 'input item 2' }];
	const specs = parts.map((part, index) => partSpec(part, index, {}, {}));
	assert.deepEqual(threadProblems(parts, specs, DEFAULT_WAIT, OPTION_LABELS), [
		'Part 2 of 2, input item 2: Text is 501 characters long as Threads counts them (emoji count by UTF-8 length); the limit is 500',
	]);
	// A ghost post cannot be a reply: on a reply part it would break that rule.
	const specs2 = [partSpec(text('a'), 0, {}, {}), { ...partSpec(text('b'), 1, {}, {}), options: { ghostPost: true } }];
	const ghostReply = threadProblems([text('a'), text('b')], specs2, DEFAULT_WAIT, OPTION_LABELS);
	assert.match(ghostReply[0], /^Part 2 of 2: Ghost Post and Reply To ID cannot be combined/);
	assert.deepEqual(threadProblems([], [], DEFAULT_WAIT, OPTION_LABELS), [
		'The thread has no parts: give a text, list parts, or send at least one input item',
	]);
});

test('a thread needs one post and a reply per further part; a resumed one at most its replies', () => {
	assert.deepEqual(threadNeed(5), { post: 1, reply: 4 });
	assert.deepEqual(threadNeed(5, { rootIsReply: true }), { post: 0, reply: 5 });
	assert.deepEqual(threadNeed(5, { resuming: true }), { post: 0, reply: 4 });
});

test('threads share the quota in input order; one that does not fit whole is refused and uses nothing', () => {
	const room = { post: { used: 248, total: 250 }, reply: { used: 990, total: 1000 } };
	const refused = threadsBeyondQuota([threadNeed(6), threadNeed(8), undefined, threadNeed(5)], room);
	assert.deepEqual([...refused.keys()], [1]);
	assert.match(refused.get(1)!, /it needs 1 post and 7 replies, and only 5 replies of the 1000 replies allowed per 24 hours are left after the earlier items of this run/);
	const posts = threadsBeyondQuota([threadNeed(1), threadNeed(1), threadNeed(1)], room);
	assert.match(posts.get(2)!, /only 0 posts of the 250 posts allowed/);
});
