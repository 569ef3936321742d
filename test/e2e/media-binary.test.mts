/**
 * End to end, media from binary data: a real n8n 2.40.7 (binary data in its default filesystem
 * mode) downloads files with its own HTTP Request node (Response Format: File) from a file server
 * on this machine and publishes them through the Threads node: an image (examples/
 * post-image-from-http-download.json) and a 3-item carousel through the S3-Compatible Storage
 * credential on a real Ceph radosgw, and an image through a URL n8n signs itself. The sandbox
 * downloads each URL as Meta would: same SHA-256 as the file. The bucket is empty afterwards; a
 * wrong secret, a missing bucket, an oversized file and a wrong type fail with a clear error and
 * no request to Threads. Slow: starts Ceph and n8n (the first run on a machine installs n8n).
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type CephS3, startCeph } from '../../scripts/ceph.mts';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { importCredentials, importWorkflows } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { type ExecutionResult, nodeOutput, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const THREADS = { id: 'e2eMediaThreads1', name: SANDBOX_CREDENTIAL_NAME };
const STORAGE = { id: 'e2eMediaStorage1', name: 'S3-compatible storage' };
const WRONG_SECRET_STORAGE = { id: 'e2eMediaBadKey01', name: 'S3 wrong secret' };
const NO_BUCKET_STORAGE = { id: 'e2eMediaNoBckt01', name: 'S3 missing bucket' };
const WRONG_SECRET = 'wrong-secret-for-the-media-test-0123456789';
const TRIGGER = 'When clicking ‘Execute workflow’';

/** Files the file server hands out: random bytes, typed by their name. */
const FILES: Record<string, { type: string; size: number }> = {
	'lake.jpg': { type: 'image/jpeg', size: 400_000 },
	'one.jpg': { type: 'image/jpeg', size: 120_000 },
	'two.png': { type: 'image/png', size: 90_000 },
	'three.jpg': { type: 'image/jpeg', size: 60_000 },
	'signed.png': { type: 'image/png', size: 70_000 },
	'big.png': { type: 'image/png', size: 8 * 1024 * 1024 + 1 },
	'cat.gif': { type: 'image/gif', size: 4_000 },
};
const bytes = new Map(Object.entries(FILES).map(([name, { size }]) => [name, randomBytes(size)]));
const sha256 = (name: string) => createHash('sha256').update(bytes.get(name)!).digest('hex');

let ceph: CephS3;
let sandbox: Sandbox;
let server: N8nServer;
let client: N8nRestClient;
let files: Server;
let filesUrl: string;
let userFolder: string;
let accessToken: string;
const answers: string[] = [];
const log = (line: string) => console.log(`# ${line}`);

/** Manual Trigger (pinned items with `url`) -> HTTP Request (file) -> Threads with `parameters`. */
function downloadAndPost(id: string, urls: string[], parameters: Record<string, unknown>, storage?: { id: string; name: string }): WorkflowJson {
	return {
		id,
		name: `media e2e ${id}`,
		nodes: [
			{ parameters: {}, id: `${id}-t`, name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] },
			{
				parameters: { url: '={{ $json.url }}', options: { response: { response: { responseFormat: 'file' } } } },
				id: `${id}-h`,
				name: 'Download Image',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [240, 0],
			},
			{
				parameters: { resource: 'post', operation: 'publish', ...parameters },
				id: `${id}-p`,
				name: 'Threads',
				type: 'n8n-nodes-meta-threads.threads',
				typeVersion: 2,
				position: [480, 0],
				credentials: { threadsOAuth2Api: THREADS, ...(storage ? { threadsS3Storage: storage } : {}) },
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Download Image', type: 'main', index: 0 }]] },
			'Download Image': { main: [[{ node: 'Threads', type: 'main', index: 0 }]] },
		},
		pinData: { [TRIGGER]: urls.map((name) => ({ json: { url: `${filesUrl}/${name}` } })) },
		settings: { executionOrder: 'v1' },
	};
}

const image = (id: string, file: string, storage = STORAGE) => downloadAndPost(id, [file], { mediaType: 'IMAGE', mediaSource: 'binaryField' }, storage);

async function run(id: string): Promise<{ ex: ExecutionResult; requests: number; downloads: Awaited<ReturnType<Sandbox['settleMedia']>> }> {
	sandbox.clearLog();
	const before = (await sandbox.settleMedia()).length;
	const ex = await client.runWorkflow(id);
	answers.push(stringify(ex));
	return { ex, requests: sandbox.log.length, downloads: (await sandbox.settleMedia()).slice(before) };
}

/**
 * JSON of an execution for the secret scan. n8n's HTTP Request node leaves its response stream in the
 * execution's context data (socket <-> request): objects met before are written once.
 */
function stringify(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, inner: unknown) => {
		if (typeof inner !== 'object' || inner === null) return inner;
		if (seen.has(inner)) return '[seen]';
		seen.add(inner);
		return inner;
	});
}

function errorOf(ex: ExecutionResult): string {
	const error = ex.data.resultData.error ?? ex.data.resultData.runData.Threads?.[0]?.error;
	return `${error?.message ?? ''} | ${error?.description ?? ''}`;
}

describe('media from binary data in a real n8n, through Ceph', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		[ceph, sandbox] = await Promise.all([startCeph({ log }), startSandbox({ port: 0 })]);
		files = createServer((req, res) => {
			const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
			const body = bytes.get(name);
			if (!body) return void res.writeHead(404).end();
			res.writeHead(200, { 'content-type': FILES[name].type, 'content-length': body.length }).end(body);
		});
		await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
		filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-media-'));
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-media@example.com', password: 'E2e-media-password-1' },
			logLevel: 'debug',
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		accessToken = sandbox.issueToken({ kind: 'long' });
		await importSandboxCredential(opts, sandbox, THREADS.id, accessToken);
		const storage = (ref: { id: string; name: string }, overrides: Record<string, unknown> = {}) => ({
			...ref,
			type: 'threadsS3Storage',
			data: { endpoint: ceph.endpoint, region: ceph.region, bucket: ceph.bucket, accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey, forcePathStyle: true, ...overrides },
		});
		await importCredentials(opts, [
			storage(STORAGE),
			storage(WRONG_SECRET_STORAGE, { secretAccessKey: WRONG_SECRET }),
			storage(NO_BUCKET_STORAGE, { bucket: 'no-such-bucket-here' }),
		]);

		const example = JSON.parse(readFileSync(path.join(repoRoot, 'examples', 'post-image-from-http-download.json'), 'utf8')) as WorkflowJson;
		example.id = 'e2eMediaExample1';
		for (const node of example.nodes) {
			if (node.type === 'n8n-nodes-base.httpRequest') (node.parameters as Record<string, unknown>).url = `${filesUrl}/lake.jpg`;
			if (node.credentials) node.credentials = { threadsOAuth2Api: THREADS, threadsS3Storage: STORAGE };
		}
		await importWorkflows(opts, [
			example,
			downloadAndPost('e2eMediaCarousel', ['one.jpg', 'two.png', 'three.jpg'], { mediaType: 'CAROUSEL', carouselSource: 'inputItems', mediaSource: 'binaryField', text: 'Three downloads, one carousel' }, STORAGE),
			downloadAndPost('e2eMediaSigned01', ['signed.png'], { mediaType: 'IMAGE', mediaSource: 'signedUrl' }),
			image('e2eMediaBadKey01', 'lake.jpg', WRONG_SECRET_STORAGE),
			image('e2eMediaNoBckt01', 'lake.jpg', NO_BUCKET_STORAGE),
			image('e2eMediaTooBig01', 'big.png'),
			image('e2eMediaGif00001', 'cat.gif'),
		]);
		server = await startN8n(opts);
		client = await server.login();
		log(`n8n ${server.url}, Ceph ${ceph.endpoint}, sandbox ${sandbox.url}, files ${filesUrl}`);
	});

	after(async () => {
		await server?.stop();
		await Promise.all([sandbox?.close(), ceph?.stop()]);
		files?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('runs examples/post-image-from-http-download.json: the downloaded image reaches Threads byte for byte through a presigned URL', async () => {
		const { ex, downloads } = await run('e2eMediaExample1');
		assert.equal(ex.status, 'success', errorOf(ex));
		const [out] = nodeOutput(ex, 'Threads');
		assert.equal(out.status, 'PUBLISHED');
		assert.equal(out.uploadedFilesDeleted, true);
		assert.match(String((out.uploadedKeys as string[])[0]), /^threads-media\/.+-lake\.jpg$/);
		assert.equal(downloads.length, 1);
		assert.match(downloads[0].url, /X-Amz-Signature=/);
		assert.equal(downloads[0].contentType, 'image/jpeg');
		assert.equal(downloads[0].sha256, sha256('lake.jpg'));
		assert.ok(sandbox.published().some((post) => post.id === out.id));
		assert.deepEqual(ceph.listBucket(), []);
	});

	it('publishes a 3-item carousel from 3 downloaded files: each item holds its own bytes, the bucket is empty after', async () => {
		const { ex, downloads } = await run('e2eMediaCarousel');
		assert.equal(ex.status, 'success', errorOf(ex));
		const [out] = nodeOutput(ex, 'Threads');
		assert.equal(out.mediaType, 'CAROUSEL');
		assert.equal((out.uploadedKeys as string[]).length, 3);
		const byContainer = new Map(downloads.map((d) => [d.containerId, d.sha256]));
		assert.deepEqual(
			(out.childContainerIds as string[]).map((id) => byContainer.get(id)),
			['one.jpg', 'two.png', 'three.jpg'].map(sha256),
		);
		assert.deepEqual(ceph.listBucket(), []);
	});

	it('publishes an image through a URL this n8n signs (no storage): Threads downloads it from n8n', async () => {
		const { ex, downloads } = await run('e2eMediaSigned01');
		assert.equal(ex.status, 'success', errorOf(ex));
		assert.equal(nodeOutput(ex, 'Threads')[0].status, 'PUBLISHED');
		assert.equal(downloads.length, 1);
		assert.match(downloads[0].url, /\/rest\/binary-data\/signed\?token=/);
		assert.equal(downloads[0].contentType, 'image/png');
		assert.equal(downloads[0].sha256, sha256('signed.png'));
	});

	for (const [id, what, message] of [
		['e2eMediaBadKey01', 'a wrong secret', /refused the request signature \(SignatureDoesNotMatch\).*Uploading input item 1's binary field "data" \(lake\.jpg\) to the storage failed: nothing was sent to Threads/],
		['e2eMediaNoBckt01', 'a missing bucket', /no-such-bucket-here.*\(NoSuchBucket\)/],
		['e2eMediaTooBig01', 'an oversized file', /Input item 1's binary field "data" \(big\.png\) is 8 MB \(8388609 bytes\): Threads accepts images of at most 8 MB/],
		['e2eMediaGif00001', 'a wrong type', /Input item 1's binary field "data" \(cat\.gif\) is image\/gif, not an image Threads accepts \(JPEG or PNG\)/],
	] as const) {
		it(`${what}: a clear error, no request to Threads, nothing in the bucket`, async () => {
			const { ex, requests, downloads } = await run(id);
			assert.equal(ex.status, 'error');
			assert.match(errorOf(ex), message);
			assert.equal(requests, 0, 'no request reached Threads');
			assert.equal(downloads.length, 0);
			assert.deepEqual(ceph.listBucket(), []);
		});
	}

	it("no storage secret or token in the executions or n8n's log", () => {
		const logText = readFileSync(server.logFile, 'utf8');
		const secrets = [ceph.secretAccessKey, WRONG_SECRET, accessToken, sandbox.app.clientSecret];
		assert.deepEqual(findSecrets(`${answers.join('\n')}\n${logText}`, secrets), []);
	});
});
