// Parameter rules of POST /{user-id}/threads, one test per rule (HTTP 400, code 100, message names the parameter).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, type Params, client, createContainer, publishPost, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
	c = client(sb);
});
after(() => sb.close());

async function refused(params: Params, pattern: RegExp, code = 100) {
	const res = await c.post('/me/threads', params);
	assert.equal(res.status, 400, JSON.stringify(res.body));
	assert.equal(res.body.error.code, code);
	assert.match(res.body.error.message, pattern);
	return res;
}

async function accepted(params: Params) {
	const res = await c.post('/me/threads', params);
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body.id as string;
}

const IMG = 'https://cdn.example.com/photo.jpg';
const VID = 'https://cdn.example.com/clip.mp4';

test('media_type is required and must be TEXT, IMAGE, VIDEO or CAROUSEL', async () => {
	await refused({ text: 'x' }, /media_type/);
	await refused({ media_type: 'AUDIO', text: 'x' }, /media_type/);
});

test('parameters are accepted in the query, a form body or a JSON body', async () => {
	await accepted({ media_type: 'TEXT', text: 'query' });
	for (const mode of ['form', 'json'] as const) {
		const res = await client(sb, c.token, mode).post('/me/threads', { media_type: 'TEXT', text: mode });
		assert.equal(res.status, 200);
	}
});

test('text is at most 500 characters', async () => {
	await accepted({ media_type: 'TEXT', text: 'a'.repeat(500) });
	const res = await refused({ media_type: 'TEXT', text: 'a'.repeat(501) }, /text/);
	assert.equal(res.body.error.message, '(#100) The parameter text must be at most 500 characters');
});

test('emoji count by their UTF-8 length against the 500 limit', async () => {
	// 124 emoji x 4 bytes = 496, + 4 letters = 500: fits; one more letter does not
	await accepted({ media_type: 'TEXT', text: '😀'.repeat(124) + 'abcd' });
	await refused({ media_type: 'TEXT', text: '😀'.repeat(124) + 'abcde' }, /text/);
	// non-emoji multi-byte letters count as one character each
	await accepted({ media_type: 'TEXT', text: 'é'.repeat(500) });
});

test('TEXT needs text', async () => {
	await refused({ media_type: 'TEXT' }, /text/);
});

test('at most 5 unique links per post, the link attachment included', async () => {
	const five = 'https://a.com https://b.com https://c.com https://d.com https://e.com https://a.com/';
	await accepted({ media_type: 'TEXT', text: five });
	await refused({ media_type: 'TEXT', text: `${five} https://f.com` }, /LINK_LIMIT_EXCEEDED/);
	await refused({ media_type: 'TEXT', text: five, link_attachment: 'https://g.com' }, /LINK_LIMIT_EXCEEDED/);
});

test('link_attachment is for TEXT only and must be http(s)', async () => {
	await accepted({ media_type: 'TEXT', text: 'x', link_attachment: 'https://example.com' });
	await refused({ media_type: 'IMAGE', image_url: IMG, link_attachment: 'https://example.com' }, /link_attachment/);
	await refused({ media_type: 'TEXT', text: 'x', link_attachment: 'ftp://example.com' }, /link_attachment/);
});

test('image_url is required for IMAGE, video_url for VIDEO, both http(s)', async () => {
	await refused({ media_type: 'IMAGE' }, /image_url/);
	await refused({ media_type: 'VIDEO' }, /video_url/);
	await refused({ media_type: 'IMAGE', image_url: 'file:///etc/passwd' }, /image_url/);
	await refused({ media_type: 'VIDEO', video_url: 'not a url' }, /video_url/);
	await refused({ media_type: 'TEXT', text: 'x', image_url: IMG }, /image_url/);
	await accepted({ media_type: 'VIDEO', video_url: VID });
});

test('an unreachable image fails creation with 1 / 2207052', async () => {
	for (const url of ['https://cdn.example.invalid/a.jpg', 'https://cdn.example.com/unreachable/a.jpg']) {
		const res = await c.post('/me/threads', { media_type: 'IMAGE', image_url: url });
		assert.equal(res.status, 400);
		assert.equal(res.body.error.code, 1);
		assert.equal(res.body.error.error_subcode, 2207052);
		assert.equal(res.body.error.message, "Media download has failed. The media URI doesn't meet our requirements.");
	}
});

test('carousel children: 2 to 20 items', async () => {
	const item = await accepted({ media_type: 'IMAGE', image_url: IMG, is_carousel_item: true });
	sb.clock.advance(1000);
	const res = await refused({ media_type: 'CAROUSEL', children: item }, /children/);
	assert.equal(res.body.error.message, '(#100) Param children must have between 2 and 20 items');
	const many = Array.from({ length: 21 }, () => item).join(',');
	await refused({ media_type: 'CAROUSEL', children: many }, /between 2 and 20/);
});

test('carousel children must exist, belong to the user, be carousel items and be FINISHED', async () => {
	const item = await accepted({ media_type: 'IMAGE', image_url: IMG, is_carousel_item: true });
	const plain = await accepted({ media_type: 'IMAGE', image_url: IMG });
	const other = client(sb, sb.issueToken({ userId: '17841400000000002' }));
	const foreign = await createContainer(other, { media_type: 'IMAGE', image_url: IMG, is_carousel_item: true });
	// not finished yet: the same Media Not Found as an early publish
	const early = await c.post('/me/threads', { media_type: 'CAROUSEL', children: `${item},${item}x` });
	assert.equal(early.status, 400);
	sb.clock.advance(1000);
	await refused({ media_type: 'CAROUSEL', children: `${item},99999` }, /invalid container id 99999/);
	await refused({ media_type: 'CAROUSEL', children: `${item},${foreign}` }, /invalid container id/);
	await refused({ media_type: 'CAROUSEL', children: `${item},${plain}` }, /is_carousel_item/);
	const fresh = await accepted({ media_type: 'IMAGE', image_url: IMG, is_carousel_item: true });
	const notReady = await c.post('/me/threads', { media_type: 'CAROUSEL', children: `${item},${fresh}` });
	assert.equal(notReady.body.error.code, 24);
	assert.equal(notReady.body.error.error_subcode, 4279009);
	sb.clock.advance(1000);
	await accepted({ media_type: 'CAROUSEL', children: `${item},${fresh}`, text: 'album' });
});

test('is_carousel_item only on IMAGE or VIDEO', async () => {
	await refused({ media_type: 'TEXT', text: 'x', is_carousel_item: true }, /is_carousel_item/);
});

test('alt_text is at most 1000 characters, on images and videos', async () => {
	await accepted({ media_type: 'IMAGE', image_url: IMG, alt_text: 'a'.repeat(1000) });
	await refused({ media_type: 'IMAGE', image_url: IMG, alt_text: 'a'.repeat(1001) }, /alt_text/);
	await refused({ media_type: 'TEXT', text: 'x', alt_text: 'a' }, /alt_text/);
});

test('poll_attachment: JSON, 2-4 options in order, 1-25 characters, TEXT only', async () => {
	await accepted({ media_type: 'TEXT', text: 'poll', poll_attachment: JSON.stringify({ option_a: 'Yes', option_b: 'No' }) });
	await refused({ media_type: 'TEXT', text: 'poll', poll_attachment: '{bad json' }, /poll_attachment/);
	await refused({ media_type: 'TEXT', text: 'poll', poll_attachment: JSON.stringify({ option_a: 'Only' }) }, /between 2 and 4/);
	await refused(
		{ media_type: 'TEXT', text: 'poll', poll_attachment: JSON.stringify({ option_a: 'a', option_b: 'b', option_c: 'c', option_d: 'd', option_e: 'e' }) },
		/poll_attachment/,
	);
	await refused({ media_type: 'TEXT', text: 'poll', poll_attachment: JSON.stringify({ option_a: 'a', option_b: 'b'.repeat(26) }) }, /option_b/);
	await refused({ media_type: 'TEXT', text: 'poll', poll_attachment: JSON.stringify({ option_a: 'a', option_b: '' }) }, /option_b/);
	await refused({ media_type: 'IMAGE', image_url: IMG, poll_attachment: JSON.stringify({ option_a: 'a', option_b: 'b' }) }, /poll_attachment/);
});

test("topic_tag: 1-50 characters without '.' or '&'", async () => {
	await accepted({ media_type: 'TEXT', text: 'x', topic_tag: 'n8n automation' });
	await refused({ media_type: 'TEXT', text: 'x', topic_tag: 'a'.repeat(51) }, /topic_tag/);
	await refused({ media_type: 'TEXT', text: 'x', topic_tag: 'v1.0' }, /topic_tag/);
	await refused({ media_type: 'TEXT', text: 'x', topic_tag: 'rock&roll' }, /topic_tag/);
});

test('reply_control is one of the documented values', async () => {
	await accepted({ media_type: 'TEXT', text: 'x', reply_control: 'mentioned_only' });
	await refused({ media_type: 'TEXT', text: 'x', reply_control: 'nobody' }, /reply_control/);
});

test('text_entities: at most 10 SPOILER ranges inside the text', async () => {
	const spoiler = (offset: number, length: number) => ({ entity_type: 'SPOILER', offset, length });
	await accepted({ media_type: 'TEXT', text: 'hidden ending', text_entities: JSON.stringify([spoiler(7, 6)]) });
	await refused({ media_type: 'TEXT', text: 'a'.repeat(30), text_entities: JSON.stringify(Array.from({ length: 11 }, (_, i) => spoiler(i, 1))) }, /at most 10/);
	await refused({ media_type: 'TEXT', text: 'short', text_entities: JSON.stringify([spoiler(3, 10)]) }, /text_entities/);
	await refused({ media_type: 'TEXT', text: 'short', text_entities: JSON.stringify([{ entity_type: 'BOLD', offset: 0, length: 1 }]) }, /SPOILER/);
});

test('gif_attachment needs provider GIPHY', async () => {
	await accepted({ media_type: 'TEXT', text: 'gif', gif_attachment: JSON.stringify({ gif_id: 'abc', provider: 'GIPHY' }) });
	await refused({ media_type: 'TEXT', text: 'gif', gif_attachment: JSON.stringify({ gif_id: 'abc', provider: 'TENOR' }) }, /GIPHY/);
});

test('quote_post_id and reply_to_id must exist', async () => {
	const post = await publishPost(sb, c, { media_type: 'TEXT', text: 'original' });
	await accepted({ media_type: 'TEXT', text: 'quote', quote_post_id: post });
	await accepted({ media_type: 'TEXT', text: 'reply', reply_to_id: post });
	await refused({ media_type: 'TEXT', text: 'quote', quote_post_id: '123' }, /quote_post_id/);
	await refused({ media_type: 'TEXT', text: 'reply', reply_to_id: '123' }, /reply_to_id/);
});

test('auto_publish_text publishes TEXT at once and answers the media id', async () => {
	const res = await c.post('/me/threads', { media_type: 'TEXT', text: 'instant', auto_publish_text: true });
	assert.equal(res.status, 200);
	const post = sb.published().find((p) => p.id === res.body.id);
	assert.ok(post);
	assert.notEqual(post.containerId, post.id);
	await refused({ media_type: 'IMAGE', image_url: IMG, auto_publish_text: true }, /auto_publish_text/);
});

test('booleans must be true or false', async () => {
	await refused({ media_type: 'TEXT', text: 'x', is_ghost_post: 'maybe' }, /is_ghost_post/);
});

test('is_ghost_post is TEXT only and cannot be a reply', async () => {
	await accepted({ media_type: 'TEXT', text: 'ghost', is_ghost_post: true });
	await refused({ media_type: 'IMAGE', image_url: IMG, is_ghost_post: true }, /is_ghost_post/);
});

test('location_id must be a known location', async () => {
	await accepted({ media_type: 'TEXT', text: 'here', location_id: '107000000000001' });
	await refused({ media_type: 'TEXT', text: 'here', location_id: '1' }, /location_id/);
});

test('allowlisted_country_codes are ISO alpha-2 codes', async () => {
	await accepted({ media_type: 'TEXT', text: 'geo', allowlisted_country_codes: 'US,FR' });
	await refused({ media_type: 'TEXT', text: 'geo', allowlisted_country_codes: 'USA' }, /allowlisted_country_codes/);
});

test('is_spoiler_media is for media posts', async () => {
	await accepted({ media_type: 'IMAGE', image_url: IMG, is_spoiler_media: true });
	await refused({ media_type: 'TEXT', text: 'x', is_spoiler_media: true }, /is_spoiler_media/);
});

test('text_attachment needs plaintext of at most 10000 characters, TEXT only', async () => {
	await accepted({ media_type: 'TEXT', text: 'long read', text_attachment: JSON.stringify({ plaintext: 'a'.repeat(10000) }) });
	await refused({ media_type: 'TEXT', text: 'x', text_attachment: JSON.stringify({ plaintext: 'a'.repeat(10001) }) }, /plaintext/);
	await refused({ media_type: 'TEXT', text: 'x', text_attachment: JSON.stringify({}) }, /plaintext/);
	await refused({ media_type: 'IMAGE', image_url: IMG, text_attachment: JSON.stringify({ plaintext: 'a' }) }, /text_attachment/);
});

test('enable_reply_approvals and crossreshare_to_ig are accepted booleans', async () => {
	await accepted({ media_type: 'TEXT', text: 'x', enable_reply_approvals: true, crossreshare_to_ig: false });
});

test('scopes: location tagging and share-to-Instagram need their permission', async () => {
	const limited = client(sb, sb.issueToken({ scopes: ['threads_basic', 'threads_content_publish'] }));
	const loc = await limited.post('/me/threads', { media_type: 'TEXT', text: 'x', location_id: '107000000000001' });
	assert.equal(loc.status, 403);
	const ig = await limited.post('/me/threads', { media_type: 'TEXT', text: 'x', crossreshare_to_ig: true });
	assert.equal(ig.status, 403);
});

test("another user's id in the path does not exist for this token", async () => {
	const res = await c.post('/17841400000000002/threads', { media_type: 'TEXT', text: 'x' });
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 100);
	assert.equal(res.body.error.error_subcode, 33);
});
