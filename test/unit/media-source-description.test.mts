// The Media Source choice as the editor shows it: version 2 only, the URL fields hidden for binary data,
// the storage credential shown only for Binary Field; version 1 unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { type INodeParameters, type INodeProperties, NodeHelpers } from 'n8n-workflow';

import { threadsDescription } from '../helpers/node-description.mts';

const BINARY_FIELDS = ['mediaSource', 'binaryPropertyName', 'itemBinaryPropertyName', 'signedUrlNotice'];

/** The names of the top-level parameters the editor shows for these values, in this version. */
function shown(version: number, values: INodeParameters): string[] {
	const description = threadsDescription(version);
	const node = { typeVersion: version };
	const withDefaults = NodeHelpers.getNodeParameters(description.properties, values, true, false, node as never, description) ?? {};
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(withDefaults, property, node, description))
		.map((property) => property.name);
}

function storageCredentialShown(version: number, values: INodeParameters): boolean {
	const description = threadsDescription(version);
	const entry = description.credentials?.find((credential) => credential.name === 'threadsS3Storage');
	assert.ok(entry, 'the node declares the storage credential');
	assert.equal(entry.required, false);
	return NodeHelpers.displayParameter(values, entry, { typeVersion: version }, description);
}

test('version 1 has no Media Source: its fields and workflows stay as they were', () => {
	const names = threadsDescription(1).properties.map((property) => property.name);
	for (const name of BINARY_FIELDS) assert.ok(!names.includes(name), `${name} is not in version 1`);
	const publishImage = { resource: 'post', operation: 'publish', mediaType: 'IMAGE' };
	assert.ok(shown(1, publishImage).includes('imageUrl'));
	assert.equal(storageCredentialShown(1, publishImage), false);
});

test('version 2: URL by default; Binary Field swaps the URL for the binary field and shows the storage credential; a signed URL needs no credential', () => {
	for (const base of [
		{ resource: 'post', operation: 'publish', mediaType: 'IMAGE' },
		{ resource: 'post', operation: 'publish', mediaType: 'VIDEO' },
		{ resource: 'reply', operation: 'create', mediaType: 'IMAGE' },
		{ resource: 'container', operation: 'create', mediaType: 'VIDEO' },
	]) {
		const urlField = base.mediaType === 'IMAGE' ? 'imageUrl' : 'videoUrl';
		const byDefault = shown(2, base);
		assert.ok(byDefault.includes('mediaSource') && byDefault.includes(urlField), `${base.resource}.${base.operation}`);
		assert.ok(!byDefault.includes('binaryPropertyName'));
		const binary = shown(2, { ...base, mediaSource: 'binaryField' });
		assert.ok(binary.includes('binaryPropertyName') && !binary.includes(urlField));
		assert.equal(storageCredentialShown(2, { ...base, mediaSource: 'binaryField' }), true);
		const signed = shown(2, { ...base, mediaSource: 'signedUrl' });
		assert.ok(signed.includes('signedUrlNotice') && signed.includes('binaryPropertyName'));
		assert.equal(storageCredentialShown(2, { ...base, mediaSource: 'signedUrl' }), false);
		assert.equal(storageCredentialShown(2, base), false);
	}
	assert.ok(!shown(2, { resource: 'post', operation: 'publish', mediaType: 'TEXT' }).includes('mediaSource'), 'not for text posts');
});

test('version 2 carousels: from input items, the Item Input Binary Field replaces the Item Media URL; listed in the node, each item has its own binary field', () => {
	const fromItems = { resource: 'post', operation: 'publish', mediaType: 'CAROUSEL', carouselSource: 'inputItems' };
	assert.ok(shown(2, fromItems).includes('itemUrl'));
	const binary = shown(2, { ...fromItems, mediaSource: 'binaryField' });
	assert.ok(binary.includes('itemBinaryPropertyName') && !binary.includes('itemUrl'));
	const list = threadsDescription(2).properties.find((property) => property.name === 'carouselItems');
	const values = (list?.options?.[0] as { values: INodeProperties[] }).values;
	const inItem = (root: INodeParameters) =>
		values.filter((field) => NodeHelpers.displayParameter({}, field, { typeVersion: 2 }, threadsDescription(2), root)).map((field) => field.name);
	assert.deepEqual(inItem({ mediaSource: 'url' }), ['mediaType', 'url', 'altText']);
	assert.deepEqual(inItem({ mediaSource: 'binaryField' }), ['mediaType', 'binaryPropertyName', 'altText']);
	assert.deepEqual(inItem({}), ['mediaType', 'url', 'altText'], 'version 1 values (no Media Source) show the URL');
});
