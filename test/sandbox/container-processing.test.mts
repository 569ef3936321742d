// Container status over time on the sandbox clock: IN_PROGRESS -> FINISHED / ERROR, EXPIRED after 24 h.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, DAY, client, createContainer, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
	c = client(sb);
});
after(() => sb.close());

async function status(id: string) {
	const res = await c.get(`/${id}`, { fields: 'id,status,error_message' });
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body as { id: string; status: string; error_message?: string };
}

test('TEXT is FINISHED at once by default', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'x' });
	assert.deepEqual(await status(id), { id, status: 'FINISHED' });
});

test('IMAGE stays IN_PROGRESS for 300 ms of sandbox time, VIDEO for 1000 ms', async () => {
	const image = await createContainer(c, { media_type: 'IMAGE', image_url: 'https://cdn.example.com/a.jpg' });
	const video = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://cdn.example.com/a.mp4' });
	assert.equal((await status(image)).status, 'IN_PROGRESS');
	sb.clock.advance(299);
	assert.equal((await status(image)).status, 'IN_PROGRESS');
	sb.clock.advance(1);
	assert.equal((await status(image)).status, 'FINISHED');
	assert.equal((await status(video)).status, 'IN_PROGRESS');
	sb.clock.advance(700);
	assert.equal((await status(video)).status, 'FINISHED');
});

test('processingMs is configurable, and sandbox_processing_ms in the media URL overrides it', async () => {
	sb.configure({ processingMs: { IMAGE: 5000 } });
	const slow = await createContainer(c, { media_type: 'IMAGE', image_url: 'https://cdn.example.com/b.jpg' });
	const quick = await createContainer(c, { media_type: 'IMAGE', image_url: 'https://cdn.example.com/c.jpg?sandbox_processing_ms=10' });
	sb.clock.advance(10);
	assert.equal((await status(quick)).status, 'FINISHED');
	assert.equal((await status(slow)).status, 'IN_PROGRESS');
	sb.configure({ processingMs: { IMAGE: 300 } });
});

test('an unreachable video ends in ERROR with FAILED_DOWNLOADING_VIDEO', async () => {
	const id = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://videos.example.invalid/x.mp4' });
	assert.equal((await status(id)).status, 'IN_PROGRESS');
	sb.clock.advance(1000);
	assert.deepEqual(await status(id), { id, status: 'ERROR', error_message: 'FAILED_DOWNLOADING_VIDEO' });
});

test("sandbox_error=<Meta's error_message> makes processing end in ERROR", async () => {
	const id = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://cdn.example.com/v.mp4?sandbox_error=INVALID_DURATION' });
	sb.clock.advance(1000);
	assert.deepEqual(await status(id), { id, status: 'ERROR', error_message: 'INVALID_DURATION' });
});

test('an unpublished container is EXPIRED 24 hours after creation', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'later' });
	sb.clock.advance(DAY - 1);
	assert.equal((await status(id)).status, 'FINISHED');
	sb.clock.advance(1);
	assert.equal((await status(id)).status, 'EXPIRED');
});

test('status turns PUBLISHED after publish and containers() shows the same', async () => {
	const id = await createContainer(c, { media_type: 'TEXT', text: 'now' });
	const res = await c.post('/me/threads_publish', { creation_id: id });
	assert.equal((await status(id)).status, 'PUBLISHED');
	const view = sb.containers().find((v) => v.id === id)!;
	assert.equal(view.status, 'PUBLISHED');
	assert.equal(view.publishedMediaId, res.body.id);
});
