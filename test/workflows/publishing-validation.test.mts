// Bad input gets a clear error naming the field and the rule, and no request reaches Threads.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
after(async () => await rig.close());

const IMG = 'https://cdn.example.com/a.jpg';
const VID = 'https://cdn.example.com/v.mp4';
const post = (parameters: IDataObject): IDataObject => ({
	resource: 'post',
	operation: 'publish',
	...parameters,
});
const text = (options: IDataObject, body = 'Hello'): IDataObject =>
	post({ mediaType: 'TEXT', text: body, options });
const image = (parameters: IDataObject): IDataObject =>
	post({ mediaType: 'IMAGE', imageUrl: IMG, ...parameters });
const carousel = (urls: string[], options: IDataObject = {}): IDataObject =>
	post({
		mediaType: 'CAROUSEL',
		carouselItems: { item: urls.map((url) => ({ mediaType: 'IMAGE', url })) },
		options,
	});
const create = (parameters: IDataObject): IDataObject => ({
	resource: 'container',
	operation: 'create',
	...parameters,
});
const carouselContainer = (children: string): IDataObject => ({
	resource: 'container',
	operation: 'createCarousel',
	childrenSource: 'ids',
	children,
});
const links = (count: number, prefix = 'site') =>
	Array.from({ length: count }, (_, i) => `https://${prefix}${i}.example.com`).join(' ');
const spoilers = (count: number) => ({
	range: Array.from({ length: count }, (_, i) => ({ offset: i, length: 1 })),
});

interface Case {
	name: string;
	parameters: IDataObject;
	field: RegExp;
	rule: RegExp;
}

const cases: Case[] = [
	{
		name: 'text over 500 characters',
		parameters: text({}, 'a'.repeat(501)),
		field: /^Text /,
		rule: /501 characters .* limit is 500/,
	},
	{
		name: 'emoji pushing text over 500',
		parameters: text({}, `${'a'.repeat(497)}😀`),
		field: /^Text /,
		rule: /UTF-8 length.*500/,
	},
	{
		name: 'empty text post',
		parameters: text({}, '   '),
		field: /^Text is required/,
		rule: /text post/,
	},
	{
		name: 'six links in the text',
		parameters: text({}, links(6)),
		field: /^Text /,
		rule: /6 links; Threads allows at most 5/,
	},
	{
		name: 'text and link attachment above five links',
		parameters: text({ linkAttachment: 'https://other.example.org' }, links(5)),
		field: /Text and Link Attachment/,
		rule: /6 different links.*at most 5/,
	},
	{
		name: 'caption over 500 characters on an image',
		parameters: image({ text: 'b'.repeat(600) }),
		field: /^Text /,
		rule: /limit is 500/,
	},
	{
		name: 'image URL missing from the input item',
		parameters: image({ imageUrl: '={{ $json.url }}' }),
		field: /^Image URL/,
		rule: /required/,
	},
	{
		name: 'image URL on ftp',
		parameters: image({ imageUrl: 'ftp://cdn.example.com/a.jpg' }),
		field: /^Image URL/,
		rule: /http\(s\) URL/,
	},
	{
		name: 'image URL on localhost',
		parameters: image({ imageUrl: 'http://localhost:8080/a.jpg' }),
		field: /^Image URL/,
		rule: /public URL.*local or private/,
	},
	{
		name: 'image URL on a private network',
		parameters: image({ imageUrl: 'http://192.168.1.20/a.jpg' }),
		field: /^Image URL/,
		rule: /local or private/,
	},
	{
		name: 'image URL with a password',
		parameters: image({ imageUrl: 'https://user:secret@cdn.example.com/a.jpg' }),
		field: /^Image URL/,
		rule: /without a user name or password/,
	},
	{
		name: 'image URL that is not a URL',
		parameters: image({ imageUrl: 'photo.jpg' }),
		field: /^Image URL/,
		rule: /full http\(s\) URL/,
	},
	{
		name: 'video URL missing from the input item',
		parameters: post({ mediaType: 'VIDEO', videoUrl: '={{ $json.url }}' }),
		field: /^Video URL/,
		rule: /required/,
	},
	{
		name: 'video URL on an intranet host',
		parameters: post({ mediaType: 'VIDEO', videoUrl: 'http://intranet/clip.mp4' }),
		field: /^Video URL/,
		rule: /local or private/,
	},
	{
		name: 'video URL on a .local host',
		parameters: post({ mediaType: 'VIDEO', videoUrl: 'https://nas.local/clip.mp4' }),
		field: /^Video URL/,
		rule: /local or private/,
	},
	{
		name: 'alt text over 1000 characters',
		parameters: image({ options: { altText: 'x'.repeat(1001) } }),
		field: /^Alt Text/,
		rule: /limit is 1000/,
	},
	{
		name: 'carousel with one item',
		parameters: carousel([IMG]),
		field: /^Carousel Items/,
		rule: /2 to 20/,
	},
	{
		name: 'carousel with 21 items',
		parameters: carousel(Array.from({ length: 21 }, (_, i) => `${IMG}?${i}`)),
		field: /^Carousel Items/,
		rule: /2 to 20.*got 21/,
	},
	{
		name: 'carousel item with a bad URL',
		parameters: carousel([IMG, 'file:///tmp/b.jpg']),
		field: /^Carousel Item 2 URL/,
		rule: /http\(s\)/,
	},
	{
		name: 'carousel item without URL',
		parameters: carousel([IMG, '']),
		field: /^Carousel Item 2 URL/,
		rule: /required/,
	},
	{
		name: 'carousel item alt text over 1000',
		parameters: post({
			mediaType: 'CAROUSEL',
			carouselItems: {
				item: [
					{ mediaType: 'IMAGE', url: IMG, altText: 'y'.repeat(1001) },
					{ mediaType: 'VIDEO', url: VID },
				],
			},
		}),
		field: /^Carousel Item 1 Alt Text/,
		rule: /limit is 1000/,
	},
	{
		name: 'poll with one option',
		parameters: text({ poll: { choices: { optionA: 'Yes' } } }),
		field: /^Poll/,
		rule: /between 2 and 4 options, got 1/,
	},
	{
		name: 'poll option over 25 characters',
		parameters: text({ poll: { choices: { optionA: 'Yes', optionB: 'z'.repeat(26) } } }),
		field: /^Poll Option B/,
		rule: /1 to 25 characters/,
	},
	{
		name: 'poll with a gap',
		parameters: text({ poll: { choices: { optionA: 'Yes', optionC: 'Maybe' } } }),
		field: /^Poll Option B/,
		rule: /filled in order/,
	},
	{
		name: 'poll with a link attachment',
		parameters: text({
			poll: { choices: { optionA: 'Yes', optionB: 'No' } },
			linkAttachment: 'https://example.com',
		}),
		field: /^Poll and Link Attachment/,
		rule: /cannot be combined/,
	},
	{
		name: 'poll with a text attachment',
		parameters: text({
			poll: { choices: { optionA: 'Yes', optionB: 'No' } },
			textAttachment: { attachment: { plaintext: 'long' } },
		}),
		field: /^Poll and Text Attachment/,
		rule: /cannot be combined/,
	},
	{
		name: 'text attachment with a link attachment',
		parameters: text({
			textAttachment: { attachment: { plaintext: 'long' } },
			linkAttachment: 'https://example.com',
		}),
		field: /^Text Attachment and Link Attachment/,
		rule: /cannot be combined/,
	},
	{
		name: 'topic tag with a period',
		parameters: text({ topicTag: 'n8n.io' }),
		field: /^Topic Tag/,
		rule: /must not contain "\." or "&"/,
	},
	{
		name: 'topic tag with an ampersand',
		parameters: text({ topicTag: 'rock&roll' }),
		field: /^Topic Tag/,
		rule: /must not contain/,
	},
	{
		name: 'topic tag over 50 characters',
		parameters: text({ topicTag: 't'.repeat(51) }),
		field: /^Topic Tag/,
		rule: /1 to 50 characters/,
	},
	{
		name: 'reply to a non-numeric id',
		parameters: text({ replyToId: 'abc' }),
		field: /^Reply To ID/,
		rule: /numeric Threads ID/,
	},
	{
		name: 'quote a post URL',
		parameters: text({ quotePostId: 'https://www.threads.net/@x/post/C8H5' }),
		field: /^Quote Post ID/,
		rule: /numeric Threads ID/,
	},
	{
		name: 'location by name',
		parameters: text({ locationId: 'Paris' }),
		field: /^Location ID/,
		rule: /numeric Threads ID/,
	},
	{
		name: 'country code of three letters',
		parameters: text({ allowlistedCountries: 'US, USA' }),
		field: /^Allowlisted Countries/,
		rule: /alpha-2/,
	},
	{
		name: 'link attachment with javascript:',
		parameters: text({ linkAttachment: 'javascript:alert(1)' }),
		field: /^Link Attachment/,
		rule: /http\(s\) URL/,
	},
	{
		name: 'ghost post as a reply',
		parameters: text({ ghostPost: true, replyToId: '18060000000000001' }),
		field: /^Ghost Post and Reply To ID/,
		rule: /cannot be combined/,
	},
	{
		name: 'text attachment over 10000 characters',
		parameters: text({ textAttachment: { attachment: { plaintext: 'p'.repeat(10001) } } }),
		field: /^Text Attachment Plain Text/,
		rule: /limit is 10000/,
	},
	{
		name: 'text attachment without plain text',
		parameters: text({ textAttachment: { attachment: { linkUrl: 'https://example.com' } } }),
		field: /^Text Attachment/,
		rule: /needs its Plain Text/,
	},
	{
		name: 'text attachment styling that is not an array',
		parameters: text({
			textAttachment: { attachment: { plaintext: 'p', styling: '{"offset":1}' } },
		}),
		field: /^Text Attachment Styling/,
		rule: /JSON array/,
	},
	{
		name: 'text attachment link on a private address',
		parameters: text({
			textAttachment: { attachment: { plaintext: 'p', linkUrl: 'http://10.0.0.5/page' } },
		}),
		field: /^Text Attachment Link URL/,
		rule: /local or private/,
	},
	{
		name: 'spoiler range past the end of the text',
		parameters: text({ textSpoilers: { range: [{ offset: 3, length: 10 }] } }),
		field: /^Text Spoilers range 1/,
		rule: /inside the Text/,
	},
	{
		name: 'eleven spoiler ranges',
		parameters: text({ textSpoilers: spoilers(11) }, 'Hello world!'),
		field: /^Text Spoilers/,
		rule: /at most 10 ranges/,
	},
	{
		name: 'spoiler with a negative offset',
		parameters: text({ textSpoilers: { range: [{ offset: -1, length: 2 }] } }),
		field: /^Text Spoilers range 1/,
		rule: /Offset of 0 or more/,
	},
	{
		name: 'GIF id with spaces',
		parameters: text({ gifId: 'funny cat' }),
		field: /^GIF ID/,
		rule: /without spaces/,
	},
	{
		name: 'reply control outside the list',
		parameters: text({ replyControl: 'nobody' }),
		field: /^Reply Control/,
		rule: /must be one of everyone/,
	},
	{
		name: 'max wait of zero',
		parameters: image({ options: { maxWait: 0 } }),
		field: /^Max Wait/,
		rule: /between 1 and 86400 seconds/,
	},
	{
		name: 'carousel concurrency of 50',
		parameters: carousel([IMG, `${IMG}?2`], { concurrency: 50 }),
		field: /Concurrency/,
		rule: /1 to 20/,
	},
	{
		name: 'container: image URL missing from the input item',
		parameters: create({ mediaType: 'IMAGE', imageUrl: '={{ $json.url }}' }),
		field: /^Image URL/,
		rule: /required/,
	},
	{
		name: 'container: text over 500',
		parameters: create({ mediaType: 'TEXT', text: 'c'.repeat(501) }),
		field: /^Text /,
		rule: /limit is 500/,
	},
	{
		name: 'carousel container: one child',
		parameters: carouselContainer('17890000000000001'),
		field: /^Item Container IDs/,
		rule: /2 to 20/,
	},
	{
		name: 'carousel container: non-numeric child',
		parameters: carouselContainer('17890000000000001, abc'),
		field: /^Item Container IDs/,
		rule: /numeric Threads ID/,
	},
	{
		name: 'carousel container: the same child twice',
		parameters: carouselContainer('17890000000000001,17890000000000001'),
		field: /^Item Container IDs/,
		rule: /same container twice/,
	},
	{
		name: 'publish container: a post URL as id',
		parameters: {
			resource: 'container',
			operation: 'publish',
			containerId: 'https://www.threads.net/@x/post/C8H5',
		},
		field: /^Container ID/,
		rule: /numeric Threads ID/,
	},
	{
		name: 'publish container: input item without id',
		parameters: { resource: 'container', operation: 'publish' },
		field: /^Container ID/,
		rule: /required/,
	},
];

// Every case below asserts that no request reached Threads. That only means something if the same
// rig does record the node's requests: inputs just inside the limits the cases cross go through,
// and their container creations are in the log (and the sandbox accepts them).
const atTheLimits: Array<{ name: string; parameters: IDataObject }> = [
	{ name: 'text of 500 characters', parameters: text({}, 'a'.repeat(500)) },
	{ name: 'emoji text of 500 as Threads counts', parameters: text({}, `${'a'.repeat(496)}😀`) },
	{ name: 'five links in the text', parameters: text({}, links(5)) },
	{
		name: 'text and link attachment with five different links',
		parameters: text({ linkAttachment: 'https://other.example.org' }, links(4)),
	},
	{ name: 'topic tag of 50 characters', parameters: text({ topicTag: 't'.repeat(50) }) },
	{ name: 'ten spoiler ranges', parameters: text({ textSpoilers: spoilers(10) }, 'Hello world!') },
];

for (const { name, parameters } of atTheLimits) {
	test(`control: ${name} is sent to Threads, so "no request" below can fail`, async () => {
		rig.sandbox.clearLog();
		const result = await rig.run([{ name: 'Threads', parameters }]);
		assert.equal(result.error, undefined, result.error?.message);
		const creations = rig.sandbox.log.filter((entry) => entry.operation === 'createContainer');
		assert.equal(creations.length, 1);
		assert.equal(creations[0].status, 200);
	});
}

for (const { name, parameters, field, rule } of cases) {
	test(`${name}: a clear error and no request`, async () => {
		rig.sandbox.clearLog();
		const result = await rig.run([{ name: 'Threads', parameters }]);
		assert.ok(result.error, 'the node should fail');
		assert.match(result.error.message, field);
		assert.match(result.error.message, rule);
		assert.deepEqual(rig.requests(), [], 'no request may reach Threads');
	});
}

test('a batch whose third item is bad stops before the first item is sent; with continue-on-fail only that item fails', async () => {
	const parameters = { ...text({ includePermalink: false }), text: '={{ $json.text }}' };
	const input = [{ text: 'batch ok 1' }, { text: 'batch ok 2' }, { text: 'x'.repeat(501) }];
	rig.sandbox.clearLog();
	const stopped = await rig.run([{ name: 'Threads', parameters }], input);
	assert.ok(stopped.error, 'the node should fail');
	assert.match(stopped.error.message, /^Text is 501 characters long/);
	assert.deepEqual(rig.requests(), [], 'no item may be sent while another item of the batch is invalid');

	rig.sandbox.clearLog();
	const continued = await rig.run([{ name: 'Threads', parameters, continueOnFail: true }], input);
	assert.equal(continued.error, undefined, continued.error?.message);
	const items = continued.items('Threads');
	assert.equal(items.length, 3);
	assert.equal(items[0].json.status, 'PUBLISHED');
	assert.equal(items[1].json.status, 'PUBLISHED');
	assert.match(String(items[2].json.error), /^Text is 501 characters long/);
	assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
});
