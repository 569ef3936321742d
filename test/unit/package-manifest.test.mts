import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test('the package has no runtime dependencies (n8n verified-node rule)', () => {
	assert.deepEqual(Object.keys(manifest.dependencies ?? {}), []);
});

test('n8n-workflow is a peer dependency, and the package is a community node package', () => {
	assert.ok(manifest.peerDependencies?.['n8n-workflow']);
	assert.ok(manifest.keywords.includes('n8n-community-node-package'));
	assert.equal(manifest.license, 'MIT');
	assert.equal(manifest.n8n.strict, true);
});

test('the n8n section lists every credential and node in dist/', () => {
	assert.deepEqual(manifest.n8n.credentials, [
		'dist/credentials/ThreadsOAuth2Api.credentials.js',
		'dist/credentials/S3CompatibleStorage.credentials.js',
	]);
	assert.ok(manifest.n8n.nodes.includes('dist/nodes/Threads/Threads.node.js'));
});
