// Resource locators: every post, reply and location locator lists first from a method the node has; version 2
// holds the locator forms of the Options and Location, version 1 the plain strings; list entries read well.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import type { INodeProperties, INodePropertyMode, INodeTypeDescription } from 'n8n-workflow';

import { repoRoot } from '../helpers/n8n-engine.mts';
import { allVersionsProperties, threadsNode } from '../helpers/node-description.mts';

const require = createRequire(import.meta.url);
const latest = threadsNode.nodeVersions[2] as { description: INodeTypeDescription; methods?: { listSearch?: Record<string, unknown> } };
/** Both versions' parameters (each kept to its version by @version), as the latest version describes the node. */
const description: INodeTypeDescription = { ...latest.description, properties: allVersionsProperties() };
const labels = require(path.join(repoRoot, 'dist/nodes/Threads/methods/labels.js')) as typeof import('../../nodes/Threads/methods/labels.ts');

/** Every property, collection options included. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...(property.type === 'collection' ? allProperties((property.options ?? []) as INodeProperties[]) : []),
	]);
}
const USERNAMES = ['username', 'authorUsername'];
/** The post, reply and location locators (usernames have no list to pick from). */
const locators = allProperties(description.properties).filter((p) => p.type === 'resourceLocator' && !USERNAMES.includes(p.name));

function shownFor(property: INodeProperties, version: number): boolean {
	const condition = property.displayOptions?.show?.['@version'];
	if (!condition) return true;
	return condition.some((entry) =>
		typeof entry === 'number' ? entry === version : 'gte' in (entry._cnd as object) && version >= Number((entry._cnd as { gte: number }).gte),
	);
}

test('the node is at version 2 and still offers version 1', () => {
	assert.deepEqual(Object.keys(threadsNode.nodeVersions), ['1', '2']);
	assert.equal(threadsNode.description.defaultVersion, 2);
});

test('every resource locator lists first, from a listSearch method the node has, searchable', () => {
	assert.ok(locators.length >= 20, `only ${locators.length} locators`);
	const methods = Object.keys(latest.methods?.listSearch ?? {});
	assert.deepEqual(methods.sort(), ['searchLocations', 'searchPosts', 'searchReplies']);
	for (const locator of locators) {
		const modes = locator.modes as INodePropertyMode[];
		assert.equal(modes[0].type, 'list', `${locator.name}: From list is not first`);
		assert.ok(methods.includes(String(modes[0].typeOptions?.searchListMethod)), `${locator.name}: unknown list method`);
		assert.equal(modes[0].typeOptions?.searchable, true);
		assert.deepEqual(locator.default, { mode: 'list', value: '' });
		assert.ok(modes.some((mode) => mode.name === 'id'), `${locator.name}: no By ID`);
		const list = String(modes[0].typeOptions?.searchListMethod);
		if (list !== 'searchLocations') {
			const url = modes.find((mode) => mode.name === 'url');
			assert.ok(url, `${locator.name}: no By URL`);
			const regex = new RegExp(String((url.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex));
			assert.ok(regex.test('https://www.threads.net/@someone/post/C8H5FiCvj4t'));
			assert.ok(regex.test('https://threads.com/@someone/post/C8H5FiCvj4t/'));
		}
	}
	assert.ok(locators.some((l) => l.name === 'replyId' && (l.modes as INodePropertyMode[])[0].typeOptions?.searchListMethod === 'searchReplies'));
});

test('Quote Post, Reply To and Location: strings for version 1, locators from version 2', () => {
	const options = description.properties.filter((p) => p.name === 'options' && p.type === 'collection');
	assert.ok(options.length >= 4);
	for (const collection of options) {
		const fields = (collection.options ?? []) as INodeProperties[];
		for (const name of ['quotePostId', 'replyToId', 'locationId']) {
			const versions = fields.filter((f) => f.name === name);
			if (versions.length === 0) continue;
			assert.equal(versions.filter((f) => shownFor(f, 1)).map((f) => f.type).join(), 'string', `${name} in version 1`);
			assert.equal(versions.filter((f) => shownFor(f, 2)).map((f) => f.type).join(), 'resourceLocator', `${name} in version 2`);
		}
	}
	const location = description.properties.filter((p) => p.name === 'locationId');
	assert.deepEqual(location.filter((f) => shownFor(f, 1)).map((f) => f.type), ['string']);
	assert.deepEqual(location.filter((f) => shownFor(f, 2)).map((f) => f.type), ['resourceLocator']);
});

test('usernames: a text field for version 1, a locator By Username / By URL from version 2', () => {
	const fields = allProperties(description.properties).filter((p) => USERNAMES.includes(p.name));
	assert.ok(fields.length >= 6, `only ${fields.length} username fields`);
	for (const name of USERNAMES) {
		const named = fields.filter((f) => f.name === name);
		assert.ok(named.length >= 2);
		assert.ok(named.filter((f) => shownFor(f, 1)).every((f) => f.type === 'string'));
		const locatorsOf2 = named.filter((f) => shownFor(f, 2));
		assert.ok(locatorsOf2.length >= 1);
		for (const locator of locatorsOf2) {
			assert.equal(locator.type, 'resourceLocator');
			const modes = locator.modes as INodePropertyMode[];
			assert.deepEqual(modes.map((m) => m.name), ['username', 'url']);
			const [byName, byUrl] = modes.map((m) => new RegExp(String((m.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex)));
			assert.ok(byName.test('@zuck') && byName.test('some.one_2') && !byName.test('https://www.threads.net/@zuck'));
			assert.ok(byUrl.test('https://www.threads.net/@zuck') && byUrl.test('https://threads.com/@zuck/') && !byUrl.test('zuck'));
		}
	}
});

test('a list entry: the start of the text (60 characters), or what the post holds, and the date', () => {
	const long = 'x'.repeat(30) + ' ' + 'y'.repeat(40);
	assert.equal(labels.textStart(long), `${'x'.repeat(30)} ${'y'.repeat(28)}…`);
	assert.equal(Array.from(labels.textStart(long)).length, 60);
	assert.equal(labels.textStart('two\n\nlines'), 'two lines');
	assert.equal(labels.textStart('😀'.repeat(70)), `${'😀'.repeat(59)}…`, 'cut between characters, not inside one');
	assert.equal(labels.shortDate('2026-12-01T10:42:07+0000'), '2026-12-01 10:42 UTC');
	assert.equal(labels.shortDate('2026-12-01T10:42:07+0200'), '2026-12-01 08:42 UTC');
	assert.equal(labels.shortDate('yesterday'), '');
	const at = '2026-12-01T10:42:07+0000';
	assert.equal(labels.postLabel({ id: '1', media_type: 'IMAGE', timestamp: at }), '(image) · 2026-12-01 10:42 UTC');
	assert.equal(labels.postLabel({ id: '1', media_type: 'VIDEO', text: '', timestamp: at }), '(video) · 2026-12-01 10:42 UTC');
	assert.equal(labels.postLabel({ id: '1', media_type: 'CAROUSEL_ALBUM' }), '(carousel)');
	assert.equal(labels.postLabel({ id: '1', text: 'Hi', username: 'ana', timestamp: at }), '@ana: Hi · 2026-12-01 10:42 UTC');
	assert.deepEqual(labels.postItem({ id: 7, text: 'Hi', permalink: 'https://www.threads.net/@a/post/X' }), {
		name: 'Hi',
		value: '7',
		url: 'https://www.threads.net/@a/post/X',
	});
	assert.deepEqual(labels.locationItem({ id: '5', name: 'Cafe', city: 'Rome' }), { name: 'Cafe (Rome)', value: '5' });
});
