// Keyword search, public profiles, mentions, ghost posts, locations, oEmbed, repost and delete.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, client, publishPost, request, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
	c = client(sb);
});
after(() => sb.close());

test('keyword_search finds public posts by keyword or tag, TOP by likes or RECENT by time', async () => {
	const top = await c.get('/keyword_search', { q: 'sandbox', fields: 'id,text,username' });
	assert.equal(top.status, 200);
	assert.equal(top.body.data.length, 3);
	assert.ok(top.body.data.every((p: { text: string }) => p.text.toLowerCase().includes('sandbox')));
	assert.match(top.body.data[0].text, /^Hello/, 'TOP: most liked first');
	const recent = await c.get('/keyword_search', { q: 'sandbox', search_type: 'RECENT', fields: 'text' });
	assert.match(recent.body.data[0].text, /^Hey/, 'RECENT: newest first');
	const tag = await c.get('/keyword_search', { q: 'automation', search_mode: 'TAG', fields: 'topic_tag' });
	assert.deepEqual(tag.body.data, [{ topic_tag: 'automation' }]);
	const image = await c.get('/keyword_search', { q: 'paris', media_type: 'IMAGE', search_type: 'RECENT', fields: 'media_type' });
	assert.deepEqual(image.body.data, [{ media_type: 'IMAGE' }]);
	const byAuthor = await c.get('/keyword_search', { q: 'post', author_username: 'nobody' });
	assert.deepEqual(byAuthor.body, { data: [] });
	assert.equal((await c.get('/keyword_search', {})).body.error.code, 100);
	assert.equal((await c.get('/keyword_search', { q: 'x', search_type: 'BEST' })).body.error.code, 100);
});

test('profile_lookup and profile_posts read public profiles with >= 100 followers', async () => {
	const profile = await c.get('/profile_lookup', { username: 'public_creator' });
	assert.equal(profile.status, 200);
	assert.equal(profile.body.username, 'public_creator');
	assert.equal(profile.body.follower_count, 150);
	assert.equal(profile.body.is_verified, true);
	const posts = await c.get('/profile_posts', { username: 'public_creator', limit: 2, fields: 'id,username' });
	assert.equal(posts.body.data.length, 2);
	assert.ok(posts.body.paging.next);
	assert.equal((await c.get('/profile_lookup', { username: 'small_account' })).body.error.code, 100);
	const noScope = client(sb, sb.issueToken({ scopes: ['threads_basic'] }));
	assert.equal((await noScope.get('/profile_lookup', { username: 'public_creator' })).status, 403);
});

test('mentions list posts by others that mention me', async () => {
	const res = await c.get('/me/mentions', { fields: 'text,username' });
	assert.equal(res.body.data.length, 2);
	assert.ok(res.body.data.every((p: { text: string; username: string }) => p.text.includes('@sandbox_user') && p.username === 'public_creator'));
});

test('ghost posts are listed in ghost_posts, not in threads', async () => {
	const ghost = await publishPost(sb, c, { media_type: 'TEXT', text: 'boo', is_ghost_post: true });
	const list = await c.get('/me/ghost_posts', { fields: 'id,ghost_post_status' });
	assert.deepEqual(list.body.data, [{ id: ghost, ghost_post_status: 'active' }]);
	const threads = await c.get('/me/threads');
	assert.ok(!threads.body.data.some((p: { id: string }) => p.id === ghost));
});

test('location_search by q, query or coordinates; GET /{location-id}', async () => {
	const byQ = await c.get('/location_search', { q: 'Eiffel', fields: 'id,name,city' });
	assert.deepEqual(byQ.body.data, [{ id: '107000000000002', name: 'Eiffel Tower', city: 'Paris' }]);
	const byQuery = await c.get('/location_search', { query: 'menlo' });
	assert.equal(byQuery.body.data[0].id, '107000000000001');
	const near = await c.get('/location_search', { latitude: 52.52, longitude: 13.4 });
	assert.equal(near.body.data[0].name, 'Brandenburg Gate');
	assert.equal((await c.get('/location_search')).body.error.code, 100);
	const location = await c.get('/107000000000003', { fields: 'id,name,country,latitude,longitude' });
	assert.deepEqual(location.body, { id: '107000000000003', name: 'Brandenburg Gate', country: 'DE', latitude: 52.5163, longitude: 13.3777 });
	const usage = await c.get('/me/threads_publishing_limit', { fields: 'location_search_quota_usage' });
	assert.equal(usage.body.data[0].location_search_quota_usage, 3);
});

test('oembed needs no token', async () => {
	const id = await publishPost(sb, c, { media_type: 'TEXT', text: 'embed me' });
	const { permalink } = (await c.get(`/${id}`, { fields: 'permalink' })).body;
	const res = await request(sb, 'GET', '/v1.0/oembed', { url: permalink, maxwidth: 400 }, null);
	assert.equal(res.status, 200);
	assert.equal(res.body.type, 'rich');
	assert.equal(res.body.width, 400);
	assert.match(res.body.html, /blockquote/);
	assert.equal((await request(sb, 'GET', '/v1.0/oembed', { url: 'https://example.com' }, null)).body.error.code, 100);
});

test('repost answers a new id; a second repost is refused', async () => {
	const target = (await c.get('/profile_posts', { username: 'public_creator', limit: 1 })).body.data[0].id;
	const res = await c.post(`/${target}/repost`);
	assert.equal(res.status, 200);
	assert.notEqual(res.body.id, target);
	const facade = await c.get(`/${res.body.id}`, { fields: 'media_type,reposted_post' });
	assert.deepEqual(facade.body, { media_type: 'REPOST_FACADE', reposted_post: { id: target } });
	assert.equal((await c.post(`/${target}/repost`)).body.error.code, 100);
});

test('DELETE /{media-id} answers {success, deleted_id}; the post is gone', async () => {
	const id = await publishPost(sb, c, { media_type: 'TEXT', text: 'short-lived' });
	const res = await c.del(`/${id}`);
	assert.deepEqual(res.body, { success: true, deleted_id: id });
	const gone = await c.get(`/${id}`, { fields: 'id' });
	assert.equal(gone.body.error.code, 100);
	assert.equal((await c.del(`/${id}`)).body.error.code, 100);
	const other = (await c.get('/profile_posts', { username: 'public_creator', limit: 1 })).body.data[0].id;
	assert.equal((await c.del(`/${other}`)).body.error.code, 100, "someone else's post cannot be deleted");
	const noScope = client(sb, sb.issueToken({ scopes: ['threads_basic'] }));
	assert.equal((await noScope.del(`/${id}`)).status, 403);
});
