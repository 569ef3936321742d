// GET /me, GET /{media-id} fields, unknown fields, other users' nodes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, client, publishPost, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
	c = client(sb);
});
after(() => sb.close());

test('/me answers the profile fields', async () => {
	const res = await c.get('/me', { fields: 'id,username,name,threads_profile_picture_url,threads_biography,is_verified,is_eligible_for_geo_gating' });
	assert.equal(res.status, 200);
	assert.equal(res.body.id, sb.user.id);
	assert.equal(res.body.username, sb.user.username);
	assert.equal(typeof res.body.name, 'string');
	assert.equal(typeof res.body.threads_profile_picture_url, 'string');
	assert.equal(typeof res.body.threads_biography, 'string');
	assert.equal(res.body.is_verified, false);
	assert.equal((await c.get(`/${sb.user.id}`, { fields: 'username' })).body.username, sb.user.username);
});

test('an unknown field fails with code 100 naming the field and node type', async () => {
	const res = await c.get('/me', { fields: 'id,followers' });
	assert.equal(res.status, 400);
	assert.equal(res.body.error.message, '(#100) Tried accessing nonexisting field (followers) on node type (ThreadsUser)');
});

test('a published post answers every documented field it has', async () => {
	const id = await publishPost(sb, c, {
		media_type: 'IMAGE',
		image_url: 'https://cdn.example.com/p.jpg',
		text: 'A picture #tag',
		alt_text: 'alt',
		topic_tag: 'photos',
		location_id: '107000000000002',
		reply_control: 'followers_only',
	});
	const res = await c.get(`/${id}`, {
		fields: 'id,media_product_type,media_type,media_url,permalink,owner,username,text,timestamp,shortcode,is_quote_post,has_replies,is_reply,alt_text,topic_tag,reply_audience,hide_status,location_id,location{name,city},is_spoiler_media',
	});
	assert.equal(res.status, 200, JSON.stringify(res.body));
	assert.deepEqual(
		{ ...res.body, permalink: undefined, timestamp: undefined, shortcode: undefined },
		{
			id,
			media_product_type: 'THREADS',
			media_type: 'IMAGE',
			media_url: 'https://cdn.example.com/p.jpg',
			permalink: undefined,
			owner: { id: sb.user.id },
			username: 'sandbox_user',
			text: 'A picture #tag',
			timestamp: undefined,
			shortcode: undefined,
			is_quote_post: false,
			has_replies: false,
			is_reply: false,
			alt_text: 'alt',
			topic_tag: 'photos',
			reply_audience: 'FOLLOWERS_ONLY',
			hide_status: 'NOT_HUSHED',
			location_id: '107000000000002',
			location: { name: 'Eiffel Tower', city: 'Paris' },
			is_spoiler_media: false,
		},
	);
	assert.match(res.body.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
	assert.equal(res.body.permalink, `https://www.threads.net/@sandbox_user/post/${res.body.shortcode}`);
	const bad = await c.get(`/${id}`, { fields: 'id,nope' });
	assert.equal(bad.body.error.message, '(#100) Tried accessing nonexisting field (nope) on node type (ThreadsMedia)');
});

test('quote and poll posts expose quoted_post and poll_attachment', async () => {
	const original = await publishPost(sb, c, { media_type: 'TEXT', text: 'original' });
	const quote = await publishPost(sb, c, {
		media_type: 'TEXT',
		text: 'quote',
		quote_post_id: original,
		poll_attachment: JSON.stringify({ option_a: 'A', option_b: 'B' }),
	});
	const res = await c.get(`/${quote}`, { fields: 'is_quote_post,quoted_post,poll_attachment{option_a,option_b}' });
	assert.deepEqual(res.body, { is_quote_post: true, quoted_post: { id: original }, poll_attachment: { option_a: 'A', option_b: 'B' } });
});

test("another user's private node does not exist for this token", async () => {
	const res = await c.get('/17841400000000002/threads');
	assert.equal(res.body.error.code, 100);
	assert.equal(res.body.error.error_subcode, 33);
});
