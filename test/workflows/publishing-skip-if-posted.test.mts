// Skip If Already Posted Within (Minutes) on Post > Publish and Reply > Create (version 2): a re-run of
// the same input finds the post it would send again among the account's recent posts (one read,
// before anything is created) and outputs it with status ALREADY_PUBLISHED; a post that may exist
// is never sent again, and identical items of one run each find (or make) a post of their own.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type PublishingRig, type Step, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
after(async () => await rig.close());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Post > Publish (version 2) of each input item's `text`, as a reply to its `replyTo` if it has one. */
const publish = (options: IDataObject, parameters: IDataObject = {}): Step => ({
	name: 'Threads',
	typeVersion: 2,
	parameters: {
		resource: 'post',
		operation: 'publish',
		mediaType: 'TEXT',
		text: '={{ $json.text }}',
		...parameters,
		options: { replyToId: byId('={{ $json.replyTo ?? "" }}'), ...options },
	},
});
const within = (minutes: number, options: IDataObject = {}) =>
	publish({ skipIfPostedWithinMinutes: minutes, ...options });

const postsWith = (text: string) => rig.sandbox.published().filter((post) => post.text === text);
const created = () => rig.requests().filter((r) => r === 'POST createContainer').length;

async function run(step: Step, input: IDataObject[]) {
	rig.sandbox.clearLog();
	const result = await rig.run([step], input);
	assert.equal(result.error, undefined, result.error?.message);
	return result.output('Threads');
}

test('a re-run of the same input finds the post: ALREADY_PUBLISHED, one read, nothing sent', async () => {
	const text = 'Skip: the webhook sent twice';
	const [first] = await run(within(30), [{ text }]);
	assert.equal(first.status, 'PUBLISHED');
	assert.deepEqual(rig.requests(), ['GET getThreads', 'POST createContainer', 'POST publish', 'GET getMedia']);

	rig.sandbox.clock.advance(10 * 60_000);
	rig.sandbox.clearLog();
	const result = await rig.run([within(30)], [{ text }]);
	assert.equal(result.error, undefined, result.error?.message);
	const [again] = result.items('Threads');
	assert.deepEqual(again.pairedItem, { item: 0 });
	assert.deepEqual(again.json, {
		id: first.id,
		containerId: null,
		mediaType: 'TEXT',
		status: 'ALREADY_PUBLISHED',
		note: 'A post of the same kind and text was published in the last 30 minutes (Skip If Already Posted Within (Minutes)): nothing was sent',
		permalink: first.permalink,
	});
	assert.deepEqual(rig.requests(), ['GET getThreads'], 'the list gives the permalink too');
	assert.equal(postsWith(text).length, 1);
});

test('a post older than the window is not a re-run: posted again', async () => {
	const text = 'Skip: yesterday’s news';
	await run(within(5), [{ text }]);
	rig.sandbox.clock.advance(7 * 60_000);
	const [out] = await run(within(5), [{ text }]);
	assert.equal(out.status, 'PUBLISHED');
	assert.equal(postsWith(text).length, 2);
});

test('a different text, or the same text as another kind of post, is posted', async () => {
	await run(within(30), [{ text: 'Skip: first text' }]);
	const [other] = await run(within(30), [{ text: 'Skip: second text' }]);
	assert.equal(other.status, 'PUBLISHED');
	const [same] = await run(within(30), [{ text: 'Skip: first text' }]);
	assert.equal(same.status, 'ALREADY_PUBLISHED', 'the same kind and text');
	const [asImage] = await run(
		publish(
			{ skipIfPostedWithinMinutes: 30, includePermalink: false },
			{ mediaType: 'IMAGE', imageUrl: 'https://cdn.example.com/skip.jpg' },
		),
		[{ text: 'Skip: first text' }],
	);
	assert.equal(asImage.status, 'PUBLISHED', 'an image post with that caption is another post');
	assert.equal(postsWith('Skip: first text').length, 2);
	assert.equal(postsWith('Skip: second text').length, 1);
});

test('when the posts cannot be read the item fails, naming the option, and nothing is sent', async () => {
	const text = 'Skip: list unreadable';
	rig.sandbox.clearLog();
	rig.sandbox.faults.inject({ kind: 'http500', operation: 'getThreads', times: Infinity });
	const result = await rig.run([within(30)], [{ text }]).finally(() => rig.sandbox.faults.clear());
	assert.match(
		String(result.error?.message),
		/^Could not tell whether this post was already posted \(Skip If Already Posted Within \(Minutes\)\): the account's posts of the last 30 minutes could not be read\. Nothing was sent\.$/,
	);
	assert.match(String(result.error?.description), /set Skip If Already Posted Within \(Minutes\) to 0/);
	assert.ok(rig.requests().filter((r) => r === 'GET getThreads').length > 1, 'the read was retried');
	assert.equal(created(), 0);
	assert.equal(postsWith(text).length, 0);
});

test('the option off (0, the default) changes nothing: the same input twice is two posts', async () => {
	const text = 'Skip: off';
	await run(within(0), [{ text }]);
	await run(publish({}), [{ text }]);
	assert.ok(!rig.requests().includes('GET getThreads'));
	assert.equal(postsWith(text).length, 2);
});

test('version 1 does not have the option: the same input twice is two posts', async () => {
	const text = 'Skip: version 1';
	const step: Step = {
		name: 'Threads',
		typeVersion: 1,
		parameters: { resource: 'post', operation: 'publish', text, options: { skipIfPostedWithinMinutes: 30 } },
	};
	await run(step, [{}]);
	await run(step, [{}]);
	assert.equal(postsWith(text).length, 2);
});

test('identical items of one run each get a post of their own; their re-run finds both', async () => {
	const text = 'Skip: the same line twice';
	const first = await run(within(30), [{ text }, { text }]);
	assert.deepEqual(first.map((item) => item.status), ['PUBLISHED', 'PUBLISHED']);
	assert.equal(postsWith(text).length, 2);

	const again = await run(within(30), [{ text }, { text }]);
	assert.deepEqual(again.map((item) => item.status), ['ALREADY_PUBLISHED', 'ALREADY_PUBLISHED']);
	assert.deepEqual(
		again.map((item) => item.id).sort(),
		first.map((item) => item.id).sort(),
		'each found a different post',
	);
	assert.equal(created(), 0);

	const three = await run(within(30), [{ text }, { text }, { text }]);
	assert.deepEqual(three.map((item) => item.status), ['ALREADY_PUBLISHED', 'ALREADY_PUBLISHED', 'PUBLISHED']);
	assert.equal(postsWith(text).length, 3);
});

test('a reply is the same only under the same post (Publish with Reply To, and Reply > Create)', async () => {
	const [a, b] = rig.sandbox.inject.posts({ count: 2, text: 'Skip: parent {n}' });
	const text = 'Skip: thanks!';
	const [toA] = await run(within(30), [{ text, replyTo: a }]);
	const [toB] = await run(within(30), [{ text, replyTo: b }]);
	assert.equal(toB.status, 'PUBLISHED', 'the same text under another post is another reply');
	assert.deepEqual(rig.requests()[0], 'GET getUserReplies');

	const [againA] = await run(within(30), [{ text, replyTo: a }]);
	assert.equal(againA.status, 'ALREADY_PUBLISHED');
	assert.equal(againA.id, toA.id);

	const reply: Step = {
		name: 'Threads',
		typeVersion: 2,
		parameters: {
			resource: 'reply',
			operation: 'create',
			replyToId: byId(b),
			text,
			options: { skipIfPostedWithinMinutes: 30 },
		},
	};
	const [againB] = await run(reply, [{}]);
	assert.deepEqual(
		{ status: againB.status, id: againB.id, replyToId: againB.replyToId },
		{ status: 'ALREADY_PUBLISHED', id: toB.id, replyToId: b },
	);
	assert.equal(created(), 0);
	assert.equal(postsWith(text).length, 2);
});

test('the option is checked before any request: its range, a post without text, a split text', async () => {
	const refused = async (step: Step, message: RegExp) => {
		rig.sandbox.clearLog();
		const result = await rig.run([step], [{ text: 'Skip: refused' }]);
		assert.match(String(result.error?.message), message);
		assert.match(String(result.error?.description), /^Nothing was sent to Threads\./);
		assert.deepEqual(rig.requests(), []);
	};
	const range = /^Skip If Already Posted Within \(Minutes\) must be a whole number from 0 \(off\) to 1440, got /;
	await refused(within(1441), range);
	await refused(within(2.5), range);
	await refused(publish({ skipIfPostedWithinMinutes: '={{ "soon" }}' }), range);
	await refused(
		publish(
			{ skipIfPostedWithinMinutes: 30 },
			{ mediaType: 'IMAGE', text: '', imageUrl: 'https://cdn.example.com/skip.jpg' },
		),
		/^Skip If Already Posted Within \(Minutes\) recognises a post by its text, and this image post has none/,
	);
	await refused(
		within(30, { whenTooLong: 'split' }),
		/^Skip If Already Posted Within \(Minutes\) cannot check a text split into a thread/,
	);
});
