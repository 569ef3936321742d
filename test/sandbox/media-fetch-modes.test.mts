// mediaFetch: 'simulate' never downloads, 'auto' (default) downloads local hosts and mediaFetchHosts, 'fetch'
// downloads everything; URL patterns (sandbox_error, *.invalid, /unreachable) force failures in every mode.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before, test } from 'node:test';
import type { MediaFetchMode, Sandbox } from '../../sandbox/index.mts';
import { isLocalHost } from '../../sandbox/mediaFetch.mts';
import { type Client, client, createContainer, jsonOf, startManual } from './helpers.mts';
import { type MediaServer, closedPort, fakeFile, startMediaServer } from './media-server.mts';

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
	return (await c.get(`/${id}`, { fields: 'id,status,error_message' })).body as { id: string; status: string; error_message?: string };
}

const requested = (path: string) => files.requests.filter((r) => r.path === path).length;

test('auto is the default: a public-looking host is simulated as before (no request, FINISHED after processing)', async () => {
	assert.equal(((await fetch(`${sb.url}/__sandbox/config`).then(jsonOf)) as any).mediaFetch, 'auto');
	const image = await createContainer(c, { media_type: 'IMAGE', image_url: 'https://cdn.example.com/a.jpg' });
	const video = await createContainer(c, { media_type: 'VIDEO', video_url: 'https://picsum.photos/v.mp4' });
	assert.deepEqual(await sb.settleMedia(), []);
	sb.clock.advance(1000);
	assert.equal((await status(image)).status, 'FINISHED');
	assert.equal((await status(video)).status, 'FINISHED');
	assert.equal(sb.containers()[0].download, undefined);
});

test('auto downloads localhost, 127.0.0.1 and hosts listed in mediaFetchHosts (host=address keeps the Host header)', async () => {
	const bytes = fakeFile.jpeg();
	const url = new URL(files.set('/mapped.jpg', { type: 'image/jpeg', body: bytes }));
	const viaLocalhost = `http://localhost:${url.port}/mapped.jpg`;
	await createContainer(c, { media_type: 'IMAGE', image_url: viaLocalhost });
	const mapped = `http://media.sandbox.test:${url.port}/mapped.jpg`;
	sb.configure({ mediaFetchHosts: ['media.sandbox.test=127.0.0.1'] });
	await createContainer(c, { media_type: 'IMAGE', image_url: mapped });
	assert.deepEqual(
		sb.mediaDownloads().map((d) => [d.url, d.state, d.bytes]),
		[
			[viaLocalhost, 'ok', bytes.length],
			[mapped, 'ok', bytes.length],
		],
	);
	assert.equal(files.requests.at(-1)?.headers.host, `media.sandbox.test:${url.port}`);
});

test('local hosts as auto sees them: loopback, private and link-local IPs (v4, v6, v4-mapped), localhost names', () => {
	const local = ['127.0.0.1', '127.1', 'localhost', 'bucket.localhost', '10.0.0.8', '172.16.0.1', '172.31.255.1', '192.168.1.20', '169.254.1.1', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:10.1.2.3]'];
	const remote = ['cdn.example.com', 'picsum.photos', '8.8.8.8', '172.32.0.1', '192.0.2.1', '[2001:db8::1]', '[::ffff:8.8.8.8]', 'localhost.example.com', 'nas.local'];
	for (const host of local) assert.equal(isLocalHost(new URL(`http://${host}/`).hostname), true, host);
	for (const host of remote) assert.equal(isLocalHost(new URL(`http://${host}/`).hostname), false, host);
});

test('simulate never downloads, even a local URL: the container behaves as before', async () => {
	sb.configure({ mediaFetch: 'simulate' });
	const url = files.set('/never.jpg', { type: 'text/html', body: Buffer.from('not an image') });
	const id = await createContainer(c, { media_type: 'IMAGE', image_url: url });
	sb.clock.advance(300);
	assert.equal((await status(id)).status, 'FINISHED');
	assert.deepEqual(sb.mediaDownloads(), []);
	assert.equal(requested('/never.jpg'), 0);
});

test('fetch downloads any host (here a documentation address that cannot answer)', async () => {
	sb.configure({ mediaFetch: 'fetch', mediaFetchTimeoutMs: 300 });
	const res = await c.post('/me/threads', { media_type: 'IMAGE', image_url: 'http://192.0.2.1:9/a.jpg' });
	assert.equal(res.body.error?.error_subcode, 2207052);
	const [download] = sb.mediaDownloads();
	assert.equal(download.url, 'http://192.0.2.1:9/a.jpg');
	assert.equal(download.state, 'failed');
});

for (const mode of ['simulate', 'auto', 'fetch'] as MediaFetchMode[]) {
	test(`${mode}: *.invalid and /unreachable still refuse an image and fail a video, without a request`, async () => {
		sb.configure({ mediaFetch: mode });
		const port = await closedPort();
		for (const url of ['https://images.example.invalid/a.jpg', `http://127.0.0.1:${port}/unreachable/a.jpg`]) {
			const res = await c.post('/me/threads', { media_type: 'IMAGE', image_url: url });
			assert.equal(res.body.error?.error_subcode, 2207052, url);
		}
		const video = await createContainer(c, { media_type: 'VIDEO', video_url: files.set('/unreachable/v.mp4', { type: 'video/mp4', body: fakeFile.mp4() }) });
		sb.clock.advance(1000);
		assert.deepEqual(await status(video), { id: video, status: 'ERROR', error_message: 'FAILED_DOWNLOADING_VIDEO' });
		assert.deepEqual(sb.mediaDownloads(), []);
		assert.equal(requested('/unreachable/v.mp4'), 0);
	});

	test(`${mode}: sandbox_error=<code> makes processing end in ERROR with that code`, async () => {
		sb.configure({ mediaFetch: mode });
		const video = await createContainer(c, {
			media_type: 'VIDEO',
			video_url: `${files.set(`/forced-${mode}.mp4`, { type: 'video/mp4', body: fakeFile.mp4() })}?sandbox_error=INVALID_DURATION`,
		});
		const image = await createContainer(c, {
			media_type: 'IMAGE',
			image_url: `${files.set(`/forced-${mode}.jpg`, { type: 'image/jpeg', body: fakeFile.jpeg() })}?sandbox_error=SOMETHING_ELSE`,
		});
		const downloads = await sb.settleMedia();
		assert.deepEqual(
			downloads.map((d) => d.state),
			mode === 'simulate' ? [] : ['ok', 'ok'],
		);
		sb.clock.advance(1000);
		assert.deepEqual(await status(video), { id: video, status: 'ERROR', error_message: 'INVALID_DURATION' });
		assert.deepEqual(await status(image), { id: image, status: 'ERROR', error_message: 'UNKNOWN' });
	});
}

test('a failed download wins over sandbox_error (Meta cannot process what it could not download)', async () => {
	const video = await createContainer(c, { media_type: 'VIDEO', video_url: `${files.url}/missing.mp4?sandbox_error=INVALID_DURATION` });
	await sb.settleMedia();
	sb.clock.advance(1000);
	assert.deepEqual(await status(video), { id: video, status: 'ERROR', error_message: 'FAILED_DOWNLOADING_VIDEO' });
});

test('POST /__sandbox/config sets the mode, hosts, timeout and limits; bad values are 400; reset restores the start options', async () => {
	const post = (body: unknown) =>
		fetch(`${sb.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
	const set = await post({ mediaFetch: 'fetch', mediaFetchHosts: ['s3.example.test'], mediaFetchTimeoutMs: 1234, mediaMaxBytes: { IMAGE: 10 } });
	assert.equal(set.status, 200);
	assert.deepEqual(
		[set.body.mediaFetch, set.body.mediaFetchHosts, set.body.mediaFetchTimeoutMs, set.body.mediaMaxBytes],
		['fetch', ['s3.example.test'], 1234, { IMAGE: 10, VIDEO: 1024 ** 3 }],
	);
	for (const bad of [{ mediaFetch: 'always' }, { mediaFetchHosts: 'localhost' }, { mediaFetchHosts: ['s3.test=not-an-ip'] }, { mediaFetchTimeoutMs: -1 }, { mediaMaxBytes: { VIDEO: 'big' } }]) {
		const res = await post(bad);
		assert.equal(res.status, 400, JSON.stringify(bad));
		assert.match(res.body.error, /mediaFetch|mediaMaxBytes/);
	}
	sb.reset();
	const config = await fetch(`${sb.url}/__sandbox/config`).then(jsonOf);
	assert.deepEqual([config.mediaFetch, config.mediaFetchHosts, config.mediaFetchTimeoutMs], ['auto', [], 30_000]);
	await assert.rejects(startManual({ mediaFetch: 'never' as MediaFetchMode }), /mediaFetch must be one of simulate, fetch, auto/);
});

test('CLI: --media-fetch, --media-fetch-hosts and --media-fetch-timeout-ms; a bad mode exits 2', async () => {
	const cli = fileURLToPath(new URL('../../sandbox/cli.mts', import.meta.url));
	const port = await closedPort();
	const args = ['--port', String(port), '--media-fetch', 'fetch', '--media-fetch-hosts', 'a.test, b.test=127.0.0.1', '--media-fetch-timeout-ms', '900'];
	const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args]);
	try {
		await once(child.stdout, 'data');
		const config = await fetch(`http://127.0.0.1:${port}/__sandbox/config`).then(jsonOf);
		assert.deepEqual([config.mediaFetch, config.mediaFetchHosts, config.mediaFetchTimeoutMs], ['fetch', ['a.test', 'b.test=127.0.0.1'], 900]);
	} finally {
		child.kill('SIGTERM');
	}
	await once(child, 'exit');
	const bad = spawn(process.execPath, ['--import', 'tsx', cli, '--port', String(port), '--media-fetch', 'sometimes']);
	let stderr = '';
	bad.stderr.on('data', (chunk) => (stderr += chunk));
	const [code] = await once(bad, 'exit');
	assert.equal(code, 2);
	assert.match(stderr, /--media-fetch must be simulate, fetch or auto/);
});
