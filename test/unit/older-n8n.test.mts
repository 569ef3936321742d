// What the package asks of the oldest n8n it supports (1.85): a helper that n8n lacks is refused with
// the n8n version it needs, and no parameter trips n8n 1.x's ordering of parameters.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';

import type { IExecuteFunctions, INodeProperties, INodePropertyCollection, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { planMedia } from '../../nodes/Threads/media/mediaPlan.ts';
import { repoRoot } from '../helpers/n8n-engine.mts';
import { threadsNode } from '../helpers/node-description.mts';

const require = createRequire(import.meta.url);

/** A node context as n8n < 1.90 gives it: binary helpers, but no createBinarySignedUrl. */
function contextWithout(missing: string): IExecuteFunctions {
	const helpers: Record<string, unknown> = {
		assertBinaryData: () => ({ id: 'filesystem-v2:file', mimeType: 'image/png', fileName: 'a.png', bytes: 3, data: '' }),
		getBinaryMetadata: async () => ({ fileSize: 3 }),
		createBinarySignedUrl: () => 'https://n8n.example.com/rest/binary-data/signed?token=t',
	};
	delete helpers[missing];
	return {
		getNode: () => ({ id: 'n', name: 'Threads', type: 'threads', typeVersion: 2, position: [0, 0], parameters: {} }),
		getInputData: () => [{ json: {}, binary: { data: { id: 'filesystem-v2:file', mimeType: 'image/png', data: '' } } }],
		getCredentials: async () => ({ apiBaseUrl: 'https://graph.threads.net' }),
		helpers,
	} as unknown as IExecuteFunctions;
}

const image = [{ inputItem: 0, property: 'data', kind: 'IMAGE' as const }];

test('Signed URL From This Instance on an n8n without createBinarySignedUrl (before 1.90) names the n8n it needs', async () => {
	await assert.rejects(planMedia(contextWithout('createBinarySignedUrl'), 0, 'signedUrl', image, false), (error: Error & { description?: string }) => {
		assert.equal(error.name, 'NodeOperationError');
		assert.equal(error.message, 'Media Source "Signed URL From This Instance" needs n8n 1.90 or newer');
		assert.match(error.description ?? '', /^Nothing was uploaded or sent to Threads\. Update n8n, or choose Media Source "Binary Field"/);
		return true;
	});
});

test('the same file plans on an n8n that signs URLs', async () => {
	const plan = await planMedia(contextWithout('none'), 0, 'signedUrl', image, false);
	assert.equal(plan.source, 'signedUrl');
	assert.equal(plan.files.length, 1);
});

/**
 * The parameter names a field's displayOptions depend on that are not beside it (a root path
 * `/name` and `@version` aside), in every collection too. n8n 1.x orders a node's parameters by
 * these dependencies and, for a name it never finds, fails every workflow holding the node with
 * "Could not resolve parameter dependencies. Max iterations reached!" (n8n 2.x skips such names).
 */
function danglingDependencies(properties: INodeProperties[], where: string): string[] {
	const names = new Set(properties.map((property) => property.name));
	const found: string[] = [];
	for (const property of properties) {
		for (const rule of Object.values(property.displayOptions ?? {})) {
			for (const name of Object.keys(rule ?? {})) {
				if (!name.startsWith('/') && !name.startsWith('@') && !names.has(name)) found.push(`${where} ${property.name} -> ${name}`);
			}
		}
		if (property.type === 'collection') {
			found.push(...danglingDependencies(property.options as INodeProperties[], `${where} ${property.name}:`));
		}
		if (property.type === 'fixedCollection') {
			for (const option of property.options as INodePropertyCollection[]) {
				found.push(...danglingDependencies(option.values, `${where} ${property.name}.${option.name}:`));
			}
		}
	}
	return found;
}

test("no field of any node or version depends on a parameter that is not beside it (n8n 1.x fails the whole workflow)", () => {
	const descriptions: Array<readonly [string, INodeTypeDescription]> = Object.entries(threadsNode.nodeVersions).map(([version, node]) => [`Threads v${version}:`, node.description] as const);
	for (const [folder, exported] of [['ThreadsTrigger', 'ThreadsTrigger'], ['ThreadsPollTrigger', 'ThreadsPollTrigger']]) {
		const module = require(path.join(repoRoot, `dist/nodes/${folder}/${folder}.node.js`)) as Record<string, new () => INodeType>;
		descriptions.push([`${exported}:`, new module[exported]().description]);
	}
	const found = descriptions.flatMap(([where, description]) => danglingDependencies(description.properties, where));
	assert.deepEqual(found, []);
});
