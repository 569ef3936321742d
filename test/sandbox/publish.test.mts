// POST /{user-id}/threads_publish: Media Not Found when early, exactly-once, refused states.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, DAY, client, createContainer, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
});
beforeEach(() => {
	sb.reset();
	c = client(sb);
});
after(() => sb.close());

const IMG = 'https://cdn.example.com/a.jpg';
const publish = (id: string) => c.post('/me/threads_publish', { creation_id: id });

function assertMediaNotFound(body: { error: Record<string, unknown> }) {
	assert.equal(body.error.code, 24);
	assert.equal(body.error.error_subcode, 4279009);
	assert.equal(body.error.error_user_title, 'Media Not Found');
	assert.equal(body.error.message, 'The requested resource does not exist');
}

test('publishing before FINISHED fails with 24 / 4279009, then succeeds', async () => {
	const id = await createContainer(c, { media_type: 'IMAGE', image_url: IMG, text: 'pic' });
	const early = await publish(id);
	assert.equal(early.status, 400);
	assertMediaNotFound(early.body);
	sb.clock.advance(300);
	const ok = await publish(id);
	assert.equal(ok.status, 200);
	assert.notEqual(ok.body.id, id);
	const [post] = sb.published();
	assert.equal(post.id, ok.body.id);
	assert.equal(post.containerId, id);
	assert.equal(post.mediaType, 'IMAGE');
	assert.equal(post.text, 'pic');
	assert.match(post.permalink, /^https:\/\/www\.threads\.net\/@sandbox_user\/post\//);
});

test('mediaNotFoundAfterFinishedMs keeps failing publish for a while after FINISHED', async () => {
	sb.configure({ mediaNotFoundAfterFinishedMs: 5000 });
	const id = await createContainer(c, { media_type: 'IMAGE', image_url: IMG });
	sb.clock.advance(300 + 4999);
	assertMediaNotFound((await publish(id)).body);
	sb.clock.advance(1);
	assert.equal((await publish(id)).status, 200);
});

test('a second publish of the same container is refused (100 / 4279023) and nothing is published twice', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'once' });
	assert.equal((await publish(id)).status, 200);
	const again = await publish(id);
	assert.equal(again.status, 400);
	assert.equal(again.body.error.code, 100);
	assert.equal(again.body.error.error_subcode, 4279023);
	assert.match(again.body.error.message, /already been published/);
	assert.equal(sb.published().length, 1);
});

test('asking status of a published media id fails with code 100 like Meta', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'x' });
	const media = (await publish(id)).body.id;
	const res = await c.get(`/${media}`, { fields: 'id,status' });
	assert.equal(res.status, 400);
	assert.equal(res.body.error.code, 100);
	assert.equal(res.body.error.message, '(#100) Tried accessing nonexisting field (status) on node type (ThreadsMedia)');
});

test('ERROR and EXPIRED containers are refused', async () => {
	const broken = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://x.invalid/v.mp4' });
	const stale = await createContainer(c, { media_type: 'TEXT', text: 'stale' });
	sb.clock.advance(1000);
	const error = await publish(broken);
	assert.equal(error.body.error.code, 100);
	assert.match(error.body.error.message, /FAILED_DOWNLOADING_VIDEO/);
	sb.clock.advance(DAY);
	const expired = await publish(stale);
	assert.equal(expired.body.error.code, 100);
	assert.match(expired.body.error.message, /expired/);
	assert.equal(sb.published().length, 0);
});

test('carousel items cannot be published on their own; the carousel publishes as one post', async () => {
	const a = await createContainer(c, { media_type: 'IMAGE', image_url: IMG, is_carousel_item: true });
	const b = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://cdn.example.com/v.mp4', is_carousel_item: true });
	sb.clock.advance(1000);
	const alone = await publish(a);
	assert.equal(alone.status, 400);
	assert.match(alone.body.error.message, /Carousel items/);
	const carousel = await createContainer(c, { media_type: 'CAROUSEL', children: `${a},${b}`, text: 'album' });
	assertMediaNotFound((await publish(carousel)).body); // the carousel container needs its own wait
	sb.clock.advance(200);
	const res = await publish(carousel);
	assert.equal(res.status, 200);
	const [post] = sb.published();
	assert.equal(post.mediaType, 'CAROUSEL_ALBUM');
	assert.deepEqual(post.childrenContainerIds, [a, b]);
	const read = await c.get(`/${res.body.id}`, { fields: 'id,media_type,children{id,media_type,media_url}' });
	assert.equal(read.body.children.data.length, 2);
	assert.equal(read.body.children.data[1].media_type, 'VIDEO');
});

test('an unknown creation_id does not exist (100 / 33)', async () => {
	const res = await publish('17890000009999999');
	assert.equal(res.body.error.code, 100);
	assert.equal(res.body.error.error_subcode, 33);
});

test('a reply is published with reply_to_id and recorded with replyToId', async () => {
	const parent = (await publish(await createContainer(c, { media_type: 'TEXT', text: 'parent' }))).body.id;
	const reply = await createContainer(c, { media_type: 'TEXT', text: 'child', reply_to_id: parent });
	const res = await publish(reply);
	const post = sb.published().find((p) => p.id === res.body.id)!;
	assert.equal(post.replyToId, parent);
});
