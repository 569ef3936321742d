// Downloads that fail as they do at Meta: an image's creation is refused (1/2207052), a video's container
// ends in ERROR (FAILED_DOWNLOADING_VIDEO, FAILED_PROCESSING_VIDEO for bytes that are not a video).
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import { type Client, client, createContainer, startManual } from './helpers.mts';
import { type MediaServer, type Route, closedPort, expiredPresign, fakeFile, gate, startMediaServer } from './media-server.mts';

const MB = 1024 * 1024;
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

/** The image's creation is refused with Meta's 1/2207052; the record says why. */
async function imageRefused(url: string, why: RegExp) {
	const res = await c.post('/me/threads', { media_type: 'IMAGE', image_url: url });
	assert.equal(res.status, 400, JSON.stringify(res.body));
	assert.equal(res.body.error.code, 1);
	assert.equal(res.body.error.error_subcode, 2207052);
	assert.equal(res.body.error.type, 'THApiException');
	assert.equal(res.body.error.message, "Media download has failed. The media URI doesn't meet our requirements.");
	assert.equal(sb.containers().length, 0);
	const [download] = sb.mediaDownloads();
	assert.equal(download.state, 'failed');
	assert.equal(download.containerId, undefined);
	assert.equal(download.sha256, undefined);
	assert.match(download.error ?? '', why);
	return download;
}

/** The video's container is created, then ends in ERROR with `code` once the download settled and processing ran. */
async function videoFails(url: string, code: string, why: RegExp) {
	const id = await createContainer(c, { media_type: 'VIDEO', video_url: url });
	const [download] = await sb.settleMedia();
	assert.equal(download.containerId, id);
	assert.equal(download.state, 'failed');
	assert.match(download.error ?? '', why);
	const during = await c.get(`/${id}`, { fields: 'status' });
	assert.equal(during.body.status, 'IN_PROGRESS');
	sb.clock.advance(1000);
	const res = await c.get(`/${id}`, { fields: 'id,status,error_message' });
	assert.deepEqual(res.body, { id, status: 'ERROR', error_message: code });
	const publish = await c.post('/me/threads_publish', { creation_id: id });
	assert.equal(publish.status, 400);
	assert.match(publish.body.error.message, new RegExp(code));
	return download;
}

interface Case {
	name: string;
	route: (type: string) => Route | 'refused' | 'loop';
	why: RegExp;
	videoCode?: string;
	/** Real-time limit of the download (only the timeout cases set one; the default is 30 s). */
	timeoutMs?: number;
}

const cases: Case[] = [
	{ name: '404', route: () => ({ status: 404, type: 'text/html', body: Buffer.from('<h1>Not Found</h1>') }), why: /^HTTP 404$/ },
	{ name: 'an expired presigned URL (403)', route: () => expiredPresign, why: /^HTTP 403$/ },
	{ name: 'a server error (500) with a media type', route: () => ({ status: 500, type: 'image/jpeg', body: fakeFile.jpeg() }), why: /^HTTP 500$/ },
	{ name: 'a refused connection', route: () => 'refused', why: /ECONNREFUSED/ },
	{ name: 'more than 5 redirects', route: () => 'loop', why: /more than 5 redirects/ },
	{
		name: 'an HTML page (text/html)',
		route: () => ({ type: 'text/html; charset=utf-8', body: Buffer.from('<html>login</html>') }),
		why: /Content-Type text\/html; charset=utf-8 is not/,
		videoCode: 'FAILED_PROCESSING_VIDEO',
	},
	{ name: 'no Content-Type', route: () => ({ type: '', body: fakeFile.jpeg() }), why: /Content-Type \(none\) is not/, videoCode: 'FAILED_PROCESSING_VIDEO' },
	{ name: 'a server that does not answer in time', route: (type) => ({ hold: gate(), type, body: fakeFile.mp4() }), why: /within 200 ms/, timeoutMs: 200 },
	{
		name: 'a body that stalls past the timeout',
		route: (type) => ({ hold: gate(), headersFirst: true, type, body: fakeFile.mp4() }),
		why: /within 200 ms/,
		timeoutMs: 200,
	},
];

let n = 0;
async function urlFor(route: Route | 'refused' | 'loop', kind: string): Promise<string> {
	const path = `/${kind}-${++n}`;
	if (route === 'refused') return `http://127.0.0.1:${await closedPort()}${path}`;
	if (route === 'loop') {
		for (let hop = 0; hop < 7; hop++) files.set(`${path}/${hop}`, { redirect: `${path}/${(hop + 1) % 7}` });
		return `${files.url}${path}/0`;
	}
	return files.set(path, route);
}

for (const { name, route, why, videoCode, timeoutMs } of cases) {
	test(`image: ${name} refuses the creation with 1/2207052`, async () => {
		if (timeoutMs) sb.configure({ mediaFetchTimeoutMs: timeoutMs });
		await imageRefused(await urlFor(route('image/jpeg'), 'image'), why);
	});
	test(`video: ${name} ends in ERROR ${videoCode ?? 'FAILED_DOWNLOADING_VIDEO'}`, async () => {
		if (timeoutMs) sb.configure({ mediaFetchTimeoutMs: timeoutMs });
		await videoFails(await urlFor(route('video/mp4'), 'video'), videoCode ?? 'FAILED_DOWNLOADING_VIDEO', why);
	});
}

test('an image of the wrong type for an image (video/mp4, image/gif) is refused; a video must be MP4 or MOV', async () => {
	await imageRefused(files.set('/clip-as-image', { type: 'video/mp4', body: fakeFile.mp4() }), /video\/mp4 is not image\/jpeg or image\/png/);
	sb.reset();
	c = client(sb);
	await imageRefused(files.set('/anim.gif', { type: 'image/gif', body: fakeFile.jpeg() }), /image\/gif/);
	sb.reset();
	c = client(sb);
	await videoFails(files.set('/photo-as-video', { type: 'image/jpeg', body: fakeFile.jpeg() }), 'FAILED_PROCESSING_VIDEO', /not video\/mp4 or video\/quicktime/);
});

test('an image of 9 MB streamed without Content-Length is cut off past 8 MB and refused', async () => {
	const download = await imageRefused(files.set('/big.jpg', { stream: 9 * MB, type: 'image/jpeg' }), /larger than 8388608 bytes/);
	assert.ok(download.bytes > 8 * MB, `stopped after ${download.bytes} bytes`);
	assert.ok(download.bytes < 9 * MB, `stopped after ${download.bytes} bytes`);
});

test('an image announcing 9 MB in Content-Length is refused before its body is read', async () => {
	const download = await imageRefused(files.set('/big-announced.png', { stream: 9 * MB, type: 'image/png', contentLength: true }), /larger than/);
	assert.equal(download.bytes, 0);
});

test('an image of exactly 8 MB is accepted', async () => {
	const id = await createContainer(c, { media_type: 'IMAGE', image_url: files.set('/max.jpg', { stream: 8 * MB, type: 'image/jpeg' }) });
	const [download] = sb.mediaDownloads();
	assert.equal(download.containerId, id);
	assert.equal(download.bytes, 8 * MB);
	assert.equal(download.state, 'ok');
});

test('a video over the size limit (mediaMaxBytes.VIDEO, 1 GB by default) ends in FAILED_DOWNLOADING_VIDEO', async () => {
	assert.equal(((await fetch(`${sb.url}/__sandbox/config`).then((r) => r.json())) as any).mediaMaxBytes.VIDEO, 1024 * MB);
	sb.configure({ mediaMaxBytes: { VIDEO: 100_000 } });
	const download = await videoFails(files.set('/long.mp4', { stream: 150_000, type: 'video/mp4' }), 'FAILED_DOWNLOADING_VIDEO', /larger than 100000 bytes/);
	assert.ok(download.bytes > 100_000);
});
