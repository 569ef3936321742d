// The sandbox downloads local image_url / video_url as Meta does: right types succeed and record the bytes'
// SHA-256; the container is IN_PROGRESS until the download settles, then for the processing time (manual clock).
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, HOUR, client, createContainer, request, startManual } from './helpers.mts';
import { type MediaServer, fakeFile, gate, sha256, startMediaServer } from './media-server.mts';

let sb: Sandbox;
let c: Client;
let files: MediaServer;
before(async () => {
	sb = await startManual();
	c = client(sb);
	files = await startMediaServer();
});
after(async () => {
	await sb.close();
	await files.close();
});
afterEach(() => {
	sb.reset();
	c = client(sb);
});

async function status(id: string) {
	const res = await c.get(`/${id}`, { fields: 'id,status,error_message' });
	assert.equal(res.status, 200, JSON.stringify(res.body));
	return res.body as { id: string; status: string; error_message?: string };
}

const control = (method: string, path: string, body?: unknown) =>
	fetch(`${sb.url}/__sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({
		status: r.status,
		body: (await r.json()) as any,
	}));

for (const [name, type, bytes] of [
	['JPEG', 'image/jpeg', fakeFile.jpeg()],
	['PNG', 'image/png', fakeFile.png()],
] as const) {
	test(`an image (${name}) is downloaded at creation: size and sha256 recorded, FINISHED after the processing time`, async () => {
		const url = files.set(`/photo-${name}`, { body: bytes, type });
		const id = await createContainer(c, { media_type: 'IMAGE', image_url: url });
		const [download] = sb.mediaDownloads();
		assert.deepEqual(
			{ ...download, startedAt: undefined, settledAt: undefined },
			{ containerId: id, mediaType: 'IMAGE', url, state: 'ok', status: 200, contentType: type, bytes: bytes.length, sha256: sha256(bytes), startedAt: undefined, settledAt: undefined },
		);
		assert.equal((await status(id)).status, 'IN_PROGRESS');
		sb.clock.advance(300);
		assert.equal((await status(id)).status, 'FINISHED');
		const published = await c.post('/me/threads_publish', { creation_id: id });
		assert.equal(published.status, 200, JSON.stringify(published.body));
		const seen = files.requests.find((r) => r.path === `/photo-${name}`)!;
		assert.equal(seen.method, 'GET');
		assert.match(String(seen.headers['user-agent']), /^facebookexternalhit\//);
	});
}

for (const [name, type] of [
	['MP4', 'video/mp4'],
	['MOV', 'video/quicktime'],
] as const) {
	test(`a video (${name}) is downloaded while IN_PROGRESS; settleMedia() gives its sha256`, async () => {
		const bytes = fakeFile.mp4(300_000);
		const url = files.set(`/clip-${name}`, { body: bytes, type: `${type}; charset=binary` });
		const id = await createContainer(c, { media_type: 'VIDEO', video_url: url });
		assert.equal((await status(id)).status, 'IN_PROGRESS');
		const [download] = await sb.settleMedia();
		assert.equal(download.containerId, id);
		assert.equal(download.state, 'ok');
		assert.equal(download.bytes, bytes.length);
		assert.equal(download.sha256, sha256(bytes));
		sb.clock.advance(999);
		assert.equal((await status(id)).status, 'IN_PROGRESS');
		sb.clock.advance(1);
		assert.equal((await status(id)).status, 'FINISHED');
		assert.equal(sb.containers().find((v) => v.id === id)?.download?.sha256, sha256(bytes));
	});
}

test('redirects are followed (relative and absolute): the record names where they led', async () => {
	const bytes = fakeFile.jpeg();
	const target = files.set('/bucket/real.jpg', { body: bytes, type: 'image/jpeg' });
	files.set('/hop2', { redirect: target, status: 307 });
	const url = files.set('/hop1', { redirect: '/hop2', status: 301 });
	const id = await createContainer(c, { media_type: 'IMAGE', image_url: url });
	const [download] = sb.mediaDownloads();
	assert.equal(download.containerId, id);
	assert.equal(download.url, url);
	assert.equal(download.redirects, 2);
	assert.equal(download.finalUrl, target);
	assert.equal(download.sha256, sha256(bytes));
});

test('a video stays IN_PROGRESS while its download runs, whatever the clock; processing time counts from its end', async () => {
	const held = gate();
	const bytes = fakeFile.mp4();
	const url = files.set('/held.mp4', { hold: held, type: 'video/mp4', body: bytes });
	const id = await createContainer(c, { media_type: 'VIDEO', video_url: url });
	await files.seen('/held.mp4');
	sb.clock.advance(HOUR);
	assert.equal((await status(id)).status, 'IN_PROGRESS');
	const early = await c.post('/me/threads_publish', { creation_id: id });
	assert.equal(early.status, 400);
	assert.equal(early.body.error.code, 24);
	assert.equal(sb.containers().find((v) => v.id === id)?.download?.state, 'pending');
	assert.equal(sb.mediaDownloads()[0].state, 'pending');

	held.release();
	const [download] = await sb.settleMedia();
	assert.equal(download.sha256, sha256(bytes));
	assert.equal(download.settledAt, sb.clock.now());
	assert.equal((await status(id)).status, 'IN_PROGRESS');
	sb.clock.advance(1000);
	assert.equal((await status(id)).status, 'FINISHED');
	assert.equal(sb.containers().find((v) => v.id === id)?.finishedAt, sb.clock.now());
});

test('an image creation is answered only once its download is done', async () => {
	const held = gate();
	const bytes = fakeFile.png();
	const url = files.set('/held.png', { hold: held, type: 'image/png', body: bytes });
	let answered = false;
	const creation = c.post('/me/threads', { media_type: 'IMAGE', image_url: url }).then((res) => {
		answered = true;
		return res;
	});
	await files.seen('/held.png');
	assert.equal(answered, false);
	assert.equal(sb.containers().length, 0);
	assert.equal(sb.mediaDownloads()[0].state, 'pending');
	held.release();
	const res = await creation;
	assert.equal(res.status, 200, JSON.stringify(res.body));
	assert.equal(sb.mediaDownloads()[0].containerId, res.body.id);
	assert.equal(sb.mediaDownloads()[0].sha256, sha256(bytes));
});

test('carousel items are downloaded like single media; the carousel waits for them', async () => {
	const held = gate();
	const image = fakeFile.jpeg();
	const video = fakeFile.mp4();
	const imageId = await createContainer(c, { media_type: 'IMAGE', is_carousel_item: true, image_url: files.set('/c1.jpg', { body: image, type: 'image/jpeg' }) });
	const videoId = await createContainer(c, {
		media_type: 'VIDEO',
		is_carousel_item: true,
		video_url: files.set('/c2.mp4', { hold: held, type: 'video/mp4', body: video }),
	});
	sb.clock.advance(1000);
	const early = await c.post('/me/threads', { media_type: 'CAROUSEL', children: `${imageId},${videoId}` });
	assert.equal(early.status, 400);
	assert.equal(early.body.error.code, 24);
	held.release();
	await sb.settleMedia();
	sb.clock.advance(1000);
	const carousel = await createContainer(c, { media_type: 'CAROUSEL', children: `${imageId},${videoId}` });
	sb.clock.advance(200);
	assert.equal((await c.post('/me/threads_publish', { creation_id: carousel })).status, 200);
	assert.deepEqual(
		sb.mediaDownloads().map((d) => [d.containerId, d.sha256]),
		[
			[imageId, sha256(image)],
			[videoId, sha256(video)],
		],
	);
});

test('control API: GET /__sandbox/media, POST /__sandbox/media/settle, downloads on /__sandbox/containers; reset forgets them', async () => {
	const held = gate();
	const bytes = fakeFile.mp4();
	const url = files.set('/control.mp4', { hold: held, type: 'video/mp4', body: bytes });
	const id = await createContainer(c, { media_type: 'VIDEO', video_url: url });
	await files.seen('/control.mp4');
	assert.equal((await control('GET', '/media')).body[0].state, 'pending');
	const settling = control('POST', '/media/settle');
	held.release();
	const settled = await settling;
	assert.equal(settled.status, 200);
	assert.equal(settled.body.length, 1);
	assert.deepEqual(
		{ containerId: settled.body[0].containerId, sha256: settled.body[0].sha256, bytes: settled.body[0].bytes, status: settled.body[0].status },
		{ containerId: id, sha256: sha256(bytes), bytes: bytes.length, status: 200 },
	);
	assert.deepEqual((await control('GET', '/media')).body, settled.body);
	const views = (await control('GET', '/containers')).body;
	assert.equal(views.find((v: any) => v.id === id).download.sha256, sha256(bytes));
	assert.equal((await request(sb, 'POST', '/__sandbox/reset')).status, 200);
	assert.deepEqual((await control('GET', '/media')).body, []);
	assert.deepEqual((await control('POST', '/media/settle')).body, []);
});
