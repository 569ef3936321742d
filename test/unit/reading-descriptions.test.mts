// What an AI agent (usableAsTool) and a user read: every reading operation and field is described, n8n's list conventions hold.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { repoRoot } from '../helpers/n8n-engine.mts';
import { allVersionsProperties, threadsDescription } from '../helpers/node-description.mts';

const require = createRequire(import.meta.url);
/** The latest version's description, with version 1's parameters beside it (each kept to its version by @version). */
const description: INodeTypeDescription = { ...threadsDescription(2), properties: allVersionsProperties() };

const { resources } = require(path.join(repoRoot, 'dist/nodes/Threads/actions/resources.js')) as {
	resources: Record<string, { operations: Record<string, { isList?: boolean }> }>;
};

/** Every operation in the node's registry, by resource: a new operation is checked without being listed here. */
const OPERATIONS: Record<string, string[]> = Object.fromEntries(
	Object.entries(resources).map(([resource, { operations }]) => [resource, Object.keys(operations).sort()]),
);
/** Operations built as lists (listOperation), which must offer Return All, Limit and Simplify. */
const LISTS = Object.entries(resources).flatMap(([resource, { operations }]) =>
	Object.entries(operations)
		.filter(([, operation]) => operation.isList === true)
		.map(([operation]) => `${resource}.${operation}`),
);
/** Not lists, but answers large enough that a flat version helps. */
const SIMPLIFIED = [...LISTS, 'post.get', 'insights.getPostInsights', 'insights.getAccountInsights'];

/** Shown from version 2 on (the latest layout), not only in version 1. */
function isLatest(property: INodeProperties): boolean {
	return JSON.stringify(property.displayOptions?.show?.['@version']) !== '[1]';
}

function shownFor(resource: string, operation: string): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show;
		return show?.resource?.includes(resource) && show.operation?.includes(operation);
	});
}

test('the registry holds every operation the node shows, and the lists are the ones expected', () => {
	const shown = description.properties
		.filter((p) => p.name === 'operation' && isLatest(p))
		.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => `${p.displayOptions?.show?.resource?.[0]}.${String(o.value)}`))
		.sort();
	assert.deepEqual(shown, Object.entries(OPERATIONS).flatMap(([resource, operations]) => operations.map((operation) => `${resource}.${operation}`)).sort());
	assert.ok(shown.length >= 32, `only ${shown.length} operations`);
	// The lists of Meta's API that page: each must be built as a list.
	for (const key of ['post.getAll', 'post.getGhostPosts', 'reply.getAll', 'reply.getConversation', 'reply.getMine', 'reply.getPending', 'profile.getProfilePosts', 'search.searchPosts', 'mention.getMentions']) {
		assert.ok(LISTS.includes(key), `${key} is not built as a list`);
	}
});

test('the node is usable as an AI tool', () => {
	assert.equal(description.usableAsTool, true);
	const resource = threadsDescription(2).properties.find((p) => p.name === 'resource')!;
	const values = (resource.options as INodePropertyOptions[]).map((o) => o.value);
	for (const name of Object.keys(OPERATIONS)) assert.ok(values.includes(name), `resource ${name} missing`);
	for (const option of resource.options as INodePropertyOptions[]) assert.ok((option.description ?? '').length > 20, `resource ${option.name} undescribed`);
});

for (const [resource, operations] of Object.entries(OPERATIONS)) {
	test(`${resource}: every operation has an action and a description an agent can act on`, () => {
		const selector = description.properties.find((p) => p.name === 'operation' && isLatest(p) && p.displayOptions?.show?.resource?.includes(resource))!;
		const options = selector.options as INodePropertyOptions[];
		const names = options.map((o) => o.name);
		assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'operations sorted by name');
		for (const operation of operations) {
			const option = options.find((o) => o.value === operation);
			assert.ok(option, `${resource}.${operation} missing`);
			assert.ok(option.action && /^[A-Z]/.test(option.action), `${resource}.${operation} has no action`);
			assert.ok((option.description ?? '').length >= 30, `${resource}.${operation}: description too thin`);
		}
	});

	for (const operation of operations) {
		test(`${resource}.${operation}: every field is described; Simplify, Return All and Limit follow n8n's conventions`, () => {
			const fields = shownFor(resource, operation);
			const key = `${resource}.${operation}`;
			for (const field of fields) {
				assert.ok((field.description ?? '').length >= 10 || field.type === 'collection' || field.type === 'notice', `${key}: ${field.name} has no description`);
				for (const option of (field.type === 'collection' ? field.options : []) as INodeProperties[]) {
					assert.ok((option.description ?? '').length >= 10, `${key}: option ${option.name} has no description`);
				}
				if (field.type === 'multiOptions' || field.type === 'options') {
					const names = (field.options as INodePropertyOptions[]).map((o) => o.name);
					assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), `${key}: ${field.name} options sorted`);
				}
			}
			const simple = fields.find((f) => f.name === 'simple');
			assert.equal(Boolean(simple), SIMPLIFIED.includes(key), `${key}: Simplify ${simple ? 'not expected' : 'missing'}`);
			if (simple) assert.equal(simple.default, true);
			const returnAll = fields.find((f) => f.name === 'returnAll');
			assert.equal(Boolean(returnAll), LISTS.includes(key), `${key}: Return All ${returnAll ? 'not expected' : 'missing'}`);
			if (returnAll) {
				const limit = description.properties.find((p) => p.name === 'limit' && p.displayOptions?.show?.operation?.includes(operation) && p.displayOptions.show.resource?.includes(resource))!;
				assert.equal(limit.default, 50);
				assert.deepEqual(limit.displayOptions?.show?.returnAll, [false]);
			}
		});
	}
}

test('list fields default to a useful set, never to everything or nothing', () => {
	for (const key of LISTS) {
		const [resource, operation] = key.split('.');
		const options = shownFor(resource, operation).find((f) => f.name === 'options')!;
		const fields = (options.options as INodeProperties[]).find((o) => o.name === 'fields')!;
		const chosen = fields.default as string[];
		assert.ok(chosen.includes('id') && chosen.includes('text') && chosen.includes('timestamp'), `${key}: ${chosen}`);
		assert.ok(chosen.length < (fields.options as unknown[]).length, `${key}: every field by default`);
	}
});

/** Version 1's resources and operations, as workflows saved with it know them. */
const VERSION_1 = {
	Discovery: ['Get Embed', 'Get Location', 'Get Mentions', 'Search Locations', 'Search Posts'],
	Insight: ['Get Account Insights', 'Get Post Insights'],
	'Media Container': ['Create', 'Create Carousel', 'Get Status', 'Publish'],
	Post: ['Delete', 'Get', 'Get Many', 'Get Many Ghost Posts', 'Publish', 'Publish Thread', 'Repost'],
	Reply: ['Approve Pending Reply', 'Create', 'Get Conversation', 'Get Many', 'Get My Replies', 'Get Pending Replies', 'Hide', 'Ignore Pending Reply', 'Unhide'],
	User: ['Get Authorization URL', 'Get My Profile', 'Get Public Profile Posts', 'Get Publishing Limit', 'Get Token Info', 'Look Up Public Profile'],
};
/** Version 2: named as Threads names things, the credential's operations under Authorization. */
const VERSION_2 = {
	Authorization: ['Get Authorization URL', 'Get Token Info'],
	Insight: ['Get Account Insights', 'Get Post Insights'],
	'Keyword Search': ['Search Posts'],
	Location: ['Get', 'Search'],
	'Media Container': ['Create', 'Create Carousel', 'Get Status', 'Publish'],
	Mention: ['Get Many'],
	Post: ['Delete', 'Get', 'Get Embed', 'Get Many', 'Get Many Ghost Posts', 'Publish', 'Publish Thread', 'Repost'],
	Profile: ['Get My Profile', 'Get Public Profile Posts', 'Get Publishing Limit', 'Look Up Public Profile'],
	Reply: VERSION_1.Reply,
};

function layoutOf(version: 1 | 2): Record<string, string[]> {
	const visible = (p: INodeProperties) => (version === 1 ? !isLatest(p) : isLatest(p));
	const resource = description.properties.find((p) => p.name === 'resource' && visible(p))!;
	return Object.fromEntries(
		(resource.options as INodePropertyOptions[]).map((r) => {
			const selector = description.properties.find((p) => p.name === 'operation' && visible(p) && p.displayOptions?.show?.resource?.includes(String(r.value)))!;
			return [r.name, (selector.options as INodePropertyOptions[]).map((o) => o.name)];
		}),
	);
}

test('version 1 keeps its resources and operations; version 2 names them as Threads does', () => {
	assert.deepEqual(layoutOf(1), VERSION_1);
	assert.deepEqual(layoutOf(2), VERSION_2);
	const resource = description.properties.filter((p) => p.name === 'resource');
	assert.equal(resource.length, 2, 'one Resource list per layout');
	// Each version's description holds its own layout only: the node creator lists one set of actions.
	for (const version of [1, 2]) {
		assert.equal(threadsDescription(version).properties.filter((p) => p.name === 'resource').length, 1, `version ${version}`);
	}
	for (const p of resource) assert.equal(p.default, 'post');
});

test('an operation that moved keeps its key and fields: a version-1 parameter set still applies in version 2', () => {
	const moved = { 'discovery.searchPosts': 'search', 'discovery.getMentions': 'mention', 'discovery.getEmbed': 'post', 'user.getMe': 'profile', 'user.getTokenInfo': 'authorization' };
	for (const [old, now] of Object.entries(moved)) {
		const [resource, operation] = old.split('.');
		const before = shownFor(resource, operation).map((p) => p.name);
		const after = shownFor(now, operation).map((p) => p.name);
		assert.ok(before.length > 0 || operation === 'getMe' || operation === 'getTokenInfo', old);
		assert.deepEqual(after, before, `${old} -> ${now}.${operation}`);
	}
});
