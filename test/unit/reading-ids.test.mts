// Post references (ID or Threads URL) and usernames are parsed without any request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parsePostReference, parseUsername, requireNumericId } from '../../nodes/Threads/shared/ids.ts';

const context = { getNode: () => ({ name: 'Threads' }) } as unknown as IExecuteFunctions;

test('numeric IDs, as text, numbers or resource locator values', () => {
	assert.deepEqual(parsePostReference(context, '18050206876707110', 'Post', 0), { kind: 'id', id: '18050206876707110' });
	assert.deepEqual(parsePostReference(context, ' 123 ', 'Post', 0), { kind: 'id', id: '123' });
	assert.deepEqual(parsePostReference(context, 456, 'Post', 0), { kind: 'id', id: '456' });
	assert.deepEqual(parsePostReference(context, { __rl: true, mode: 'id', value: '789' }, 'Post', 0), { kind: 'id', id: '789' });
});

test('post URLs on threads.net and threads.com, with www, query strings and trailing slashes', () => {
	for (const url of [
		'https://www.threads.net/@zuck/post/C8H5FiCvj4t',
		'https://threads.net/@zuck/post/C8H5FiCvj4t/',
		'https://www.threads.com/@zuck/post/C8H5FiCvj4t?xmt=AQGz',
		'http://threads.com/@Zuck/post/C8H5FiCvj4t#top',
	]) {
		const parsed = parsePostReference(context, url, 'Post', 0);
		assert.equal(parsed.kind, 'url', url);
		assert.equal(parsed.kind === 'url' && parsed.shortcode, 'C8H5FiCvj4t');
		assert.equal(parsed.kind === 'url' && parsed.username, 'zuck');
	}
	const short = parsePostReference(context, 'https://www.threads.net/t/C8H5FiCvj4t', 'Post', 0);
	assert.deepEqual(short, { kind: 'url', url: 'https://www.threads.net/t/C8H5FiCvj4t', shortcode: 'C8H5FiCvj4t' });
});

test('anything else is refused, naming the field', () => {
	assert.throws(() => parsePostReference(context, '', 'Post', 0), /^NodeOperationError: Post is required$/);
	assert.throws(() => parsePostReference(context, undefined, 'Reply', 0), /^NodeOperationError: Reply is required$/);
	assert.throws(() => parsePostReference(context, 'https://www.threads.net/@zuck', 'Post', 0), /Post must be a numeric Threads ID or a Threads post URL/);
	assert.throws(() => parsePostReference(context, 'https://instagram.com/p/C8H5FiCvj4t', 'Post', 0), /Post must be/);
	assert.throws(() => parsePostReference(context, '12a', 'Post', 0), /got "12a"/);
});

test('usernames from a name, @name, a profile URL or a post URL', () => {
	assert.equal(parseUsername(context, 'public_creator', 'Username', 0), 'public_creator');
	assert.equal(parseUsername(context, '@Some.One', 'Username', 0), 'some.one');
	assert.equal(parseUsername(context, 'https://www.threads.net/@zuck', 'Username', 0), 'zuck');
	assert.equal(parseUsername(context, 'https://www.threads.com/@zuck/post/C8H5FiCvj4t', 'Username', 0), 'zuck');
	assert.throws(() => parseUsername(context, 'two words', 'Username', 0), /Username must be a Threads username/);
	assert.throws(() => parseUsername(context, 'a'.repeat(31), 'Username', 0), /Username must be a Threads username/);
	assert.throws(() => parseUsername(context, '', 'Author Username', 0), /^NodeOperationError: Author Username is required$/);
});

test('numeric-only IDs (locations)', () => {
	assert.equal(requireNumericId(context, '107000000000001', 'Location ID', 0), '107000000000001');
	assert.throws(() => requireNumericId(context, 'https://www.threads.net/@a/post/B', 'Location ID', 0), /Location ID must be a numeric Threads ID/);
});
