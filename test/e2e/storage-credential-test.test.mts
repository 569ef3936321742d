/**
 * The S3-Compatible Storage credential's test (the editor's "Test" / save: POST /rest/credentials/test)
 * in a real n8n against a real S3 server (Ceph radosgw): n8n runs the declarative test request, a
 * HEAD of the bucket, through the credential's authenticate(), which signs it with SigV4.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import { type CephS3, startCeph } from '../../scripts/ceph.mts';
import { importCredentials } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { findSecrets } from '../helpers/secret-scan.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TYPE = 'threadsS3Storage';
const WRONG_SECRET = 'wrong-secret-for-the-credential-test-0123';

let ceph: CephS3;
let opts: N8nInstanceOptions;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
const answers: string[] = [];

const log = (line: string) => console.log(`# ${line}`);

/** Saves the credential (as the editor does before testing it) and tests it as the editor's button does. */
async function testCredential(id: string, overrides: Record<string, unknown>): Promise<{ status: string; message: string }> {
	const data = {
		endpoint: ceph.endpoint,
		region: ceph.region,
		bucket: ceph.bucket,
		accessKeyId: ceph.accessKeyId,
		secretAccessKey: ceph.secretAccessKey,
		forcePathStyle: true,
		...overrides,
	};
	const credential = { id, name: `S3 storage ${id}`, type: TYPE, data };
	await importCredentials(opts, [credential]);
	const result = await client.request<{ status: string; message: string }>('POST', '/rest/credentials/test', { credentials: credential });
	answers.push(JSON.stringify(result));
	return result;
}

describe('testing the S3-Compatible Storage credential in a real n8n, against Ceph', { timeout: 20 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		ceph = await startCeph({ log });
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-storage-'));
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		opts = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'storage-owner@example.com', password: 'Storage-owner-password-1' },
			logLevel: 'debug',
		};
		server = await startN8n(opts);
		client = await server.login();
	});

	after(async () => {
		await server?.stop();
		await ceph?.stop();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('n8n lists the credential type', async () => {
		const types = await client.credentialTypes();
		assert.equal(types.find((type) => type.name === TYPE)?.displayName, 'S3-Compatible Storage');
	});

	it('the right keys reach the bucket', async () => {
		const result = await testCredential('storageCredOk001', {});
		assert.equal(result.status, 'OK', result.message);
	});

	it('a wrong secret is refused with what to check', async () => {
		const result = await testCredential('storageCredBad01', { secretAccessKey: WRONG_SECRET });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /refused these keys for the bucket \(HTTP 403\): check the Access Key ID, the Secret Access Key/);
	});

	it('a bucket that does not exist is named as such', async () => {
		const result = await testCredential('storageCredNoBkt', { bucket: 'no-such-bucket-here' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /No such bucket at this endpoint \(HTTP 404\)/);
	});

	it('a setting the credential cannot use is named before any request', async () => {
		const result = await testCredential('storageCredBadEp', { endpoint: 's3.example.com' });
		assert.equal(result.status, 'Error');
		assert.match(result.message, /Endpoint must be a URL such as https:\/\/s3\.us-east-1\.amazonaws\.com/);
	});

	it("no secret appears in the answers or in n8n's log", async () => {
		const logText = readFileSync(server.logFile, 'utf8');
		assert.deepEqual(findSecrets(`${answers.join('\n')}\n${logText}`, [ceph.secretAccessKey, WRONG_SECRET]), []);
	});
});
