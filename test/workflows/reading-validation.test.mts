// Every reading input is checked before any request: the error names the field and the rule, and the sandbox sees nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { type ReadingRig, byId, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

const post = (extra: IDataObject) => ({ resource: 'post', operation: 'getAll', ...extra });

const cases: Array<[string, IDataObject, RegExp]> = [
	['Post: empty (n8n checks the required field)', { resource: 'post', operation: 'get', postId: byId('') }, /Parameter "Post" is required/],
	['Post: an expression that resolves to nothing', { resource: 'post', operation: 'get', postId: byId('={{ $json.missing }}') }, /^Post is required$/],
	['Post: neither ID nor post URL', { resource: 'post', operation: 'get', postId: byId('my-post') }, /^Post must be a numeric Threads ID or a Threads post URL, got "my-post"$/],
	['Post: a profile URL is not a post URL (the By URL mode checks it)', { resource: 'reply', operation: 'getAll', postId: byUrl('https://www.threads.net/@someone') }, /Not a Threads post URL/],
	['Post: a profile URL given by ID', { resource: 'reply', operation: 'getAll', postId: byId('https://www.threads.net/@someone') }, /^Post must be a numeric Threads ID or a Threads post URL/],
	['Post: another site, from an expression', { resource: 'post', operation: 'delete', postId: byUrl('={{ "https://example.com/@a/post/abc" }}') }, /^Post must be a numeric Threads ID or a Threads post URL/],
	['Fields: unknown field', post({ options: { fields: ['text', 'nope'] } }), /^Fields contains unknown field "nope"$/],
	['Since: before Threads existed', post({ options: { since: '2023-01-01T00:00:00Z' } }), /^Since must be on or after 2023-07-05T07:00:00Z/],
	['Since: not a date', post({ options: { since: 'last tuesday' } }), /^Since must be a date .* got "last tuesday"$/],
	['Until: before Since', post({ options: { since: '2025-02-01T00:00:00Z', until: '2025-01-01T00:00:00Z' } }), /^Until \(2025-01-01T00:00:00Z\) must not be before Since \(2025-02-01T00:00:00Z\)$/],
	['Limit: zero', post({ limit: 0 }), /^Limit must be a whole number of at least 1, got 0$/],
	['Cursors: both directions', post({ options: { after: 'a', before: 'b' } }), /^After Cursor and Before Cursor cannot both be set/],
	['Approval Status: unknown', { resource: 'reply', operation: 'getPending', postId: byId('1'), approvalStatus: 'approved' }, /^Approval Status must be "pending" or "ignored", got "approved"$/],
	['Order: unknown', { resource: 'reply', operation: 'getConversation', postId: byId('1'), options: { order: 'random' } }, /^Order must be "newest" or "oldest", got "random"$/],
	['Reply: empty', { resource: 'reply', operation: 'hide', replyId: byId('={{ $json.missing }}') }, /^Reply is required$/],
	['Reply To: empty', { resource: 'reply', operation: 'create', replyToId: byId('={{ $json.missing }}'), text: 'hi' }, /^Reply To is required$/],
	['Username: not a username', { resource: 'user', operation: 'lookUpProfile', username: 'not valid!' }, /^Username must be a Threads username/],
	['Username: empty', { resource: 'user', operation: 'getProfilePosts', username: '={{ $json.missing }}' }, /^Username is required$/],
	['Profile fields: unknown', { resource: 'user', operation: 'getMe', fields: ['email'] }, /^Fields contains unknown field "email"$/],
	['Metrics: none', { resource: 'insights', operation: 'getPostInsights', postId: byId('1'), metrics: '={{ [] }}' }, /^Metrics must contain at least one metric$/],
	['Metrics: account metric on a post', { resource: 'insights', operation: 'getPostInsights', postId: byId('1'), metrics: ['views', 'clicks'] }, /^Metrics contains unknown metric "clicks"$/],
	['Breakdown: missing for demographics', { resource: 'insights', operation: 'getAccountInsights', metrics: ['follower_demographics'] }, /^Breakdown is required when Metrics includes follower_demographics/],
	['Breakdown: without demographics', { resource: 'insights', operation: 'getAccountInsights', metrics: ['views'], breakdown: 'country' }, /^Breakdown \("country"\) only applies to the follower_demographics metric/],
	['Breakdown: unknown', { resource: 'insights', operation: 'getAccountInsights', metrics: ['follower_demographics'], breakdown: 'language' }, /^Breakdown must be exactly one of age, city, country or gender, got "language"$/],
	['Insights Since: before 2024-04-13', { resource: 'insights', operation: 'getAccountInsights', since: '2024-04-01T00:00:00Z' }, /^Since must be on or after 2024-04-13T07:00:00Z/],
	['Query: empty', { resource: 'discovery', operation: 'searchPosts', query: '  ' }, /^Query is required/],
	['Query: not a tag in Tag mode', { resource: 'discovery', operation: 'searchPosts', query: 'two words', searchMode: 'TAG' }, /^Query must be a topic tag in Tag mode/],
	['Author Username: not a username', { resource: 'discovery', operation: 'searchPosts', query: 'x', options: { authorUsername: 'a b' } }, /^Author Username must be a Threads username/],
	['Media Type: unknown', { resource: 'discovery', operation: 'searchPosts', query: 'x', options: { mediaType: 'GIF' } }, /^Media Type must be IMAGE, TEXT or VIDEO, got "GIF"$/],
	['Location Query: empty', { resource: 'discovery', operation: 'searchLocations', query: '={{ "" }}' }, /^Query is required: the name or address of the place$/],
	['Latitude: out of range', { resource: 'discovery', operation: 'searchLocations', searchBy: 'coordinates', latitude: 100, longitude: 0 }, /^Latitude must be a number from -90 to 90, got "100"$/],
	['Location ID: not numeric', { resource: 'discovery', operation: 'getLocation', locationId: 'Paris' }, /^Location ID must be a numeric Threads ID, got "Paris"$/],
	['Max Width: too small', { resource: 'discovery', operation: 'getEmbed', postId: byId('1'), maxWidth: 100 }, /^Max Width must be a whole number from 320 to 658/],
];

for (const [name, parameters, message] of cases) {
	test(`${name}: refused before any request`, async () => {
		const { error, requests } = await rig.run(parameters);
		assert.ok(error, 'expected the node to fail');
		assert.match(error.message, message);
		assert.deepEqual(requests.map((r) => r.path), [], 'no request may reach Threads');
	});
}

test('with Continue On Fail, a bad item becomes an error item paired with it and the others still run', async () => {
	const mine = await rig.post('valid');
	const { items, error, requests } = await rig.run(
		{ resource: 'post', operation: 'get', postId: byId('={{ $json.id }}'), fields: ['text'] },
		{ input: [{ id: mine.id }, { id: 'nope' }, { id: mine.id }], node: { onError: 'continueRegularOutput' } },
	);
	assert.equal(error, undefined);
	assert.equal(items.length, 3);
	assert.deepEqual(items[0].json, { id: mine.id, text: 'valid' });
	assert.match(String(items[1].json.error), /^Post must be a numeric Threads ID or a Threads post URL, got "nope"$/);
	assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
	assert.equal(requests.length, 2);
});
