// Post > Publish with When Text Is Too Long: Split Into a Thread, through the engine against the
// sandbox: a text longer than a post goes out as a root post and its chain of replies (Publish
// Thread's engine), checked and counted against the quota before anything is sent, resumable.
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

const sentences = (name: string, count: number) =>
	Array.from(
		{ length: count },
		(_, i) => `${name} sentence ${i + 1} tells a little more of the story than the one before it.`,
	).join(' ');

function publish(options: IDataObject, continueOnFail = false) {
	return {
		name: 'Threads',
		parameters: {
			resource: 'post',
			operation: 'publish',
			mediaType: 'TEXT',
			text: '={{ $json.text }}',
			options: { includePermalink: false, whenTooLong: 'split', ...options },
		},
		continueOnFail,
	};
}

/** The thread under a root post: the root, then each reply to the one before. */
function chainFrom(rootId: unknown): Array<{ id: string; text: string; replyToId?: string }> {
	const all = rig.sandbox.published();
	const chain = [all.find((post) => post.id === rootId)!];
	for (;;) {
		const next = all.find((post) => post.replyToId === chain[chain.length - 1].id);
		if (!next) return chain;
		chain.push(next);
	}
}

test('a text longer than a post becomes a numbered thread; a short one stays one post', async () => {
	const long = sentences('Alpha', 18); // about 1,400 characters
	const result = await rig.run(
		[publish({ threadNumbering: 'slash', linkAttachment: 'https://blog.example/alpha' })],
		[{ text: long }, { text: 'Short and sweet.' }],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const [thread, single] = result.output('Threads');
	const chain = chainFrom(thread.id);
	assert.equal(chain.length, thread.parts);
	assert.ok(chain.length >= 3);
	assert.deepEqual(
		thread.ids,
		chain.map((post) => post.id),
	);
	assert.equal(thread.status, 'PUBLISHED');
	assert.deepEqual(thread.textAdjusted, ['split']);
	chain.forEach((post, index) => {
		assert.ok(post.text.endsWith(`\n${index + 1}/${chain.length}`), post.text.slice(-10));
		assert.ok(threadsTextLength(post.text) <= 500);
	});
	const rootContainer = rig.sandbox
		.containers()
		.find((container) => container.publishedMediaId === chain[0].id);
	assert.equal(
		rootContainer?.params.link_attachment,
		'https://blog.example/alpha',
		'on the root only',
	);
	assert.equal(
		chain.map((post) => post.text.replace(/\n\d+\/\d+$/, '')).join(' '),
		long,
		'the parts are the text',
	);
	assert.equal(single.ids, undefined);
	assert.equal(
		rig.sandbox.published().find((post) => post.id === single.id)?.text,
		'Short and sweet.',
	);
});

test('the quota is read before a split item: a thread the replies left cannot hold is refused whole, or deferred', async () => {
	const used = rig.sandbox.published().filter((post) => post.replyToId).length;
	rig.sandbox.configure({ quotas: { replies: used + 1 } });
	const input = [{ text: sentences('Beta', 18) }];
	const refused = await rig.run([publish({})], input);
	assert.match(
		String(refused.error?.message),
		/^Publishing quota too low for this thread: it needs 1 post and \d+ replies, and only 1 reply of the \d+ replies allowed per 24 hours is left\./,
	);
	assert.deepEqual(rig.requests(), ['GET publishingLimit']);
	const deferred = await rig.run([publish({ overQuota: 'defer' })], input);
	assert.equal(deferred.error, undefined, deferred.error?.message);
	const [out] = deferred.output('Threads');
	assert.equal(out.status, 'DEFERRED');
	assert.ok(Array.isArray(out.parts) && out.parts.length >= 3);
	assert.equal(out.text, (out.parts as string[])[0]);
	assert.equal(rig.sandbox.published().filter((post) => post.text.startsWith('Beta')).length, 0);
});

test('a split thread that stops part-way is finished with Continue Chain After Post ID', async () => {
	const used = rig.sandbox.published().filter((post) => post.replyToId).length;
	rig.sandbox.configure({ quotas: { replies: used + 1 } });
	// With the check off, Threads itself refuses the third part.
	const input = [{ text: sentences('Gamma', 18) }];
	const stopped = await rig.run([publish({ checkQuota: false }, true)], input);
	const [failed] = stopped.output('Threads');
	assert.match(String(failed.error), /^The thread stopped at part 3 of \d+: /);
	const continueAfter = failed.continueAfterPostId;
	assert.equal(typeof continueAfter, 'string');
	rig.sandbox.configure({ quotas: { replies: 1000 } });
	const resumed = await rig.run([publish({ continueAfterPostId: continueAfter })], input);
	assert.equal(resumed.error, undefined, resumed.error?.message);
	const [out] = resumed.output('Threads');
	const chain = chainFrom(out.id);
	assert.equal(chain.length, out.parts);
	assert.deepEqual([out.alreadyPublished, out.sentNow], [2, Number(out.parts) - 2]);
	assert.equal(
		rig.sandbox.published().filter((post) => post.text.startsWith('Gamma')).length,
		out.parts,
		'no part twice',
	);
});
