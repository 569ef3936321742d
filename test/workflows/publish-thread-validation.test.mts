// Publish Thread checks every part by Publish's rules before any request: the error names the part, the field and the rule.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
after(async () => await rig.close());

const IMG = 'https://cdn.example.com/part.jpg';
const links = (count: number) => Array.from({ length: count }, (_, i) => `https://site${i}.example.com`).join(' ');
const listed = (parts: IDataObject[], extra: IDataObject = {}): IDataObject => ({
	resource: 'post',
	operation: 'publishThread',
	threadSource: 'list',
	parts: { part: parts.map((part) => ({ mediaType: 'auto', mediaUrl: '', ...part })) },
	...extra,
});
const split = (threadText: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'post',
	operation: 'publishThread',
	threadSource: 'text',
	threadText,
	...extra,
});
const fromItems: IDataObject = {
	resource: 'post',
	operation: 'publishThread',
	threadSource: 'inputItems',
	partText: '={{ $json.text }}',
	partMediaUrl: '={{ $json.url ?? "" }}',
};

interface Case {
	name: string;
	parameters: IDataObject;
	input?: IDataObject[];
	/** The part (and where it came from), the field and the rule the message names. */
	message: RegExp;
}

const cases: Case[] = [
	{
		name: 'a listed reply over 500 characters',
		parameters: listed([{ text: 'Root' }, { text: 'b'.repeat(501) }, { text: 'End' }]),
		message: /^Part 2 of 3: Text is 501 characters long .* the limit is 500/,
	},
	{
		name: 'a listed part with six links',
		parameters: listed([{ text: 'Root' }, { text: links(6) }]),
		message: /^Part 2 of 2: Text contains 6 links; Threads allows at most 5/,
	},
	{
		name: 'an empty text part',
		parameters: listed([{ text: 'Root' }, { text: '  ' }]),
		message: /^Part 2 of 2: Text is required for a text post/,
	},
	{
		name: 'a media URL on a private address',
		parameters: listed([{ text: 'Root' }, { text: 'Photo', mediaUrl: 'http://192.168.1.10/a.jpg' }]),
		message: /^Part 2 of 2: Media URL must be a public URL .* local or private/,
	},
	{
		name: 'an image part without its URL',
		parameters: listed([{ text: 'Root' }, { text: 'Photo', mediaType: 'IMAGE' }]),
		message: /^Part 2 of 2: Media URL is required for an image post/,
	},
	{
		name: 'alt text over 1000 characters',
		parameters: listed([{ text: 'Root' }, { text: 'Photo', mediaUrl: IMG, altText: 'a'.repeat(1001) }]),
		message: /^Part 2 of 2: Alt Text is 1001 characters long; the limit is 1000/,
	},
	{
		name: 'a root option its kind does not take (a poll on an image root)',
		parameters: listed([{ text: 'Root', mediaUrl: IMG }, { text: 'End' }], {
			options: { poll: { choices: { optionA: 'Yes', optionB: 'No' } } },
		}),
		message: /^Part 1 of 2 \(the root post\): Poll is only allowed on text posts; this is a image post/,
	},
	{
		name: 'a root option with a bad value',
		parameters: split('Root text', { options: { topicTag: 'a.b' } }),
		message: /^Part 1 of 1 \(the root post\): Topic Tag must not contain "\." or "&"/,
	},
	{
		name: 'numbering pushing a listed part over 500',
		parameters: listed([{ text: 'Root' }, { text: 'c'.repeat(498) }], { numbering: 'slash' }),
		message: /^Part 2 of 2: Text is 502 characters long/,
	},
	{
		name: 'a split text with a link longer than a post',
		parameters: split(`Start. https://example.com/${'x'.repeat(520)}`),
		message: /^Text cannot be split into a thread: A link cannot be split across posts/,
	},
	{
		name: 'an input item over 500 characters',
		parameters: fromItems,
		input: [{ text: 'Root' }, { text: 'd'.repeat(501) }, { text: 'End' }],
		message: /^Part 2 of 3, input item 2: Text is 501 characters long/,
	},
	{
		name: 'an input item with a media URL that is no URL',
		parameters: fromItems,
		input: [{ text: 'Root' }, { text: 'Photo', url: 'photo.jpg' }],
		message: /^Part 2 of 2, input item 2: Media URL must be a full http\(s\) URL/,
	},
	{
		name: 'an empty thread',
		parameters: split('   '),
		message: /^The thread has no parts/,
	},
	{
		name: 'no listed parts',
		parameters: listed([]),
		message: /^The thread has no parts/,
	},
	{
		name: 'Continue Chain After Post ID that is no ID',
		parameters: split('Root text', { options: { continueAfterPostId: 'the last one' } }),
		message: /^Continue Chain After Post ID must be a numeric Threads ID/,
	},
	{
		name: 'Max Wait of zero',
		parameters: split('Root text', { options: { maxWait: 0 } }),
		message: /^Max Wait must be between 1 and 86400 seconds/,
	},
];

test('control: a thread just inside the limits is sent, so "no request" below can fail', async () => {
	rig.sandbox.clearLog();
	const result = await rig.run([
		{
			name: 'Threads',
			parameters: listed([{ text: 'a'.repeat(500) }, { text: links(5) }, { text: 'Photo', mediaUrl: IMG, altText: 'a'.repeat(1000) }]),
		},
	]);
	assert.equal(result.error, undefined, result.error?.message);
	assert.equal(rig.sandbox.log.filter((entry) => entry.operation === 'createContainer' && entry.status === 200).length, 3);
});

for (const { name, parameters, input, message } of cases) {
	test(`${name}: a clear error naming the part, and no request`, async () => {
		rig.sandbox.clearLog();
		const result = await rig.run([{ name: 'Threads', parameters }], input);
		assert.ok(result.error, 'the node should fail');
		assert.match(result.error.message, message);
		assert.match(result.error.description ?? '', /^Nothing was sent to Threads/);
		assert.deepEqual(rig.requests(), [], 'no request may reach Threads');
	});
}

test('two threads whose second is bad: nothing is sent; with continue-on-fail only that item fails', async () => {
	const parameters = split('={{ $json.body }}');
	const input = [{ body: 'A good thread' }, { body: `A bad one https://example.com/${'x'.repeat(520)}` }];
	rig.sandbox.clearLog();
	const stopped = await rig.run([{ name: 'Threads', parameters }], input);
	assert.match(stopped.error?.message ?? '', /^Text cannot be split into a thread: A link cannot be split across posts/);
	assert.deepEqual(rig.requests(), []);

	const continued = await rig.run([{ name: 'Threads', parameters, continueOnFail: true }], input);
	assert.equal(continued.error, undefined, continued.error?.message);
	const [good, bad] = continued.items('Threads');
	assert.equal(typeof good.json.id, 'string');
	assert.match(String(bad.json.error), /^Text cannot be split into a thread: A link cannot be split across posts/);
	assert.deepEqual(bad.pairedItem, { item: 1 });
});
