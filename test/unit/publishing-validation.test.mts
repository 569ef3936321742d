import assert from 'node:assert/strict';
import { test } from 'node:test';

import { containerParameters } from '../../nodes/Threads/posts/containerParameters.ts';
import type { PostSpec } from '../../nodes/Threads/posts/postSpec.ts';
import { postProblems } from '../../nodes/Threads/posts/postRules.ts';
import { publicUrlProblem } from '../../nodes/Threads/posts/publicUrl.ts';

const IMG = 'https://cdn.example.com/a.jpg';
const spec = (overrides: Partial<PostSpec>): PostSpec => ({
	mediaType: 'TEXT',
	text: 'Hello',
	options: {},
	...overrides,
});

test('a plain post of each kind has no problems', () => {
	assert.deepEqual(postProblems(spec({})), []);
	assert.deepEqual(postProblems(spec({ mediaType: 'IMAGE', imageUrl: IMG, text: '' })), []);
	assert.deepEqual(postProblems(spec({ mediaType: 'CAROUSEL', children: ['1', '2'] })), []);
	assert.deepEqual(
		postProblems(
			spec({ mediaType: 'TEXT', text: '', options: { linkAttachment: 'https://example.com' } }),
		),
		[],
	);
});

const misplaced: Array<[string, Partial<PostSpec>, RegExp]> = [
	[
		'a poll on an image',
		{ mediaType: 'IMAGE', imageUrl: IMG, options: { pollOptions: ['a', 'b'] } },
		/^Poll is only allowed on text posts; this is a image post/,
	],
	[
		'alt text on a text post',
		{ options: { altText: 'x' } },
		/^Alt Text is only allowed on image posts, video posts/,
	],
	[
		'a link attachment on a video',
		{ mediaType: 'VIDEO', videoUrl: `${IMG}.mp4`, options: { linkAttachment: 'https://e.com' } },
		/^Link Attachment is only allowed on text posts/,
	],
	[
		'auto-publish on an image',
		{ mediaType: 'IMAGE', imageUrl: IMG, options: { autoPublishText: true } },
		/^Auto-Publish Text is only allowed on text posts/,
	],
	[
		'spoiler media on text',
		{ options: { spoilerMedia: true } },
		/^Spoiler Media is only allowed on image posts, video posts, carousels/,
	],
	[
		'a GIF on a carousel',
		{ mediaType: 'CAROUSEL', children: ['1', '2'], options: { gifId: 'abc' } },
		/^GIF ID is only allowed on text posts/,
	],
	[
		'a topic tag on a carousel item',
		{
			mediaType: 'IMAGE',
			imageUrl: IMG,
			isCarouselItem: true,
			text: '',
			options: { topicTag: 'x' },
		},
		/^Topic Tag cannot be set on a carousel item/,
	],
	[
		'a reply from a carousel item',
		{
			mediaType: 'IMAGE',
			imageUrl: IMG,
			isCarouselItem: true,
			text: '',
			options: { replyToId: '1' },
		},
		/^Reply To ID cannot be set on a carousel item/,
	],
	[
		'text on a carousel item',
		{ mediaType: 'VIDEO', videoUrl: IMG, isCarouselItem: true, text: 'caption' },
		/^Text cannot be set on a carousel item/,
	],
	[
		'a carousel item that is text',
		{ mediaType: 'TEXT', isCarouselItem: true, text: '' },
		/Carousel Item is only possible for images and videos/,
	],
];

for (const [name, overrides, expected] of misplaced) {
	test(`options only where Meta allows them: ${name}`, () => {
		assert.match(postProblems(spec(overrides)).join('\n'), expected);
	});
}

test('public URLs: IPv6 loopback, link-local and carrier-grade NAT are refused; public hosts pass', () => {
	assert.match(String(publicUrlProblem('http://[::1]/a.jpg', 'Image URL')), /local or private/);
	assert.match(
		String(publicUrlProblem('http://169.254.169.254/latest', 'Image URL')),
		/local or private/,
	);
	assert.match(
		String(publicUrlProblem('http://100.64.0.1/a.jpg', 'Image URL')),
		/local or private/,
	);
	assert.equal(publicUrlProblem('https://8.8.8.8/a.jpg', 'Image URL'), undefined);
	assert.equal(publicUrlProblem('https://cdn.example.com/a.jpg?x=1', 'Image URL'), undefined);
});

test("the same link written twice counts once toward the five (Meta's normalisation)", () => {
	const text = 'https://a.com www.a.com/ http://A.com, b.org c.org';
	assert.deepEqual(postProblems(spec({ text, options: { linkAttachment: 'https://d.com' } })), []);
});

test('options travel under Meta names and encodings', () => {
	const body = containerParameters(
		spec({
			options: {
				pollOptions: ['Yes', 'No', '', ''],
				allowlistedCountries: ['US', 'DE'],
				textSpoilers: [{ offset: 0, length: 2 }],
				gifId: 'g1',
				replyApprovals: true,
				shareToInstagram: true,
				replyControl: 'mentioned_only',
			},
		}),
	);
	assert.deepEqual(body, {
		media_type: 'TEXT',
		text: 'Hello',
		poll_attachment: { option_a: 'Yes', option_b: 'No' },
		allowlisted_country_codes: 'US,DE',
		text_entities: [{ entity_type: 'SPOILER', offset: 0, length: 2 }],
		gif_attachment: { gif_id: 'g1', provider: 'GIPHY' },
		enable_reply_approvals: true,
		crossreshare_to_ig: true,
		reply_control: 'mentioned_only',
	});
	assert.deepEqual(
		containerParameters(
			spec({
				mediaType: 'CAROUSEL',
				text: '',
				children: ['1', '2'],
				options: { spoilerMedia: true },
			}),
		),
		{
			media_type: 'CAROUSEL',
			children: '1,2',
			is_spoiler_media: true,
		},
	);
});
