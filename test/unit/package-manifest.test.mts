import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
	assert.ok(manifest.n8n.nodes.includes('dist/nodes/ThreadsTrigger/ThreadsTrigger.node.js'));
	assert.ok(
		manifest.n8n.nodes.includes('dist/nodes/ThreadsPollTrigger/ThreadsPollTrigger.node.js'),
	);
	// Every node under nodes/ is listed, and nothing else.
	const root = new URL('../../nodes/', import.meta.url);
	const nodeFiles = readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.flatMap((dir) =>
			readdirSync(new URL(`${dir.name}/`, root))
				.filter((file) => file.endsWith('.node.ts'))
				.map((file) => `dist/nodes/${dir.name}/${file.replace(/\.ts$/, '.js')}`),
		);
	assert.deepEqual([...manifest.n8n.nodes].sort(), nodeFiles.sort());
});

test('every node listed has its source, its codex file and both icons', () => {
	for (const built of manifest.n8n.nodes as string[]) {
		const source = built.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		const folder = source.slice(0, source.lastIndexOf('/'));
		assert.ok(existsSync(new URL(`../../${source}`, import.meta.url)), source);
		assert.ok(
			existsSync(new URL(`../../${source.replace(/\.ts$/, '.json')}`, import.meta.url)),
			`${source}: codex`,
		);
		for (const icon of ['threads.svg', 'threads.dark.svg']) {
			assert.ok(
				existsSync(new URL(`../../${folder}/${icon}`, import.meta.url)),
				`${folder}/${icon}`,
			);
		}
	}
});
