// The "From list" modes: searchPosts, searchReplies and searchLocations as the editor calls them (n8n-core's
// LoadOptionsContext, the engine's credential helper), against the sandbox: order, labels, filter, paging.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { callListSearch, fromList } from '../helpers/list-search.mts';
import { type PostRef, type ReadingRig, byUrl, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let older: PostRef[];
let long: PostRef;
const LONG_TEXT = 'A long post whose text goes on well past the sixty characters a list entry shows of it';

/** Meta's timestamp of a post, as the list shows it. */
function shown(timestamp: string): string {
	return `${new Date(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

before(async () => {
	rig = await startReadingRig();
	// The credential's first use (its token check) before any count of requests.
	await rig.run({ resource: 'user', operation: 'getMe' });
	older = await rig.posts(52, 'Post number');
	long = await rig.post(LONG_TEXT);
});
after(async () => await rig.close());

test('searchPosts: the newest posts first, as text start and date, linking to the permalink; the next page from the cursor', async () => {
	const all = await rig.api('GET', '/me/threads', { fields: 'id,text,timestamp,permalink', limit: 100 });
	const expected = all.data as Array<Record<string, string>>;
	assert.equal(expected.length, 53);

	const first = await callListSearch(rig, 'searchPosts');
	assert.equal(first.requests.length, 1);
	assert.equal(first.requests[0].path, '/v1.0/me/threads');
	assert.equal(first.requests[0].query.limit, '50');
	assert.match(first.requests[0].query.fields, /\bid\b.*\btext\b.*\btimestamp\b.*\bpermalink\b/);
	assert.equal(first.result.results.length, 50);
	assert.deepEqual(
		first.result.results.map((r) => r.value),
		expected.slice(0, 50).map((p) => p.id),
	);
	const [top] = first.result.results;
	assert.equal(top.value, long.id);
	assert.equal(top.url, long.permalink);
	assert.equal(top.name, `${LONG_TEXT.slice(0, 59).trimEnd()}… · ${shown(expected[0].timestamp)}`);
	assert.ok(LONG_TEXT.length > 60);
	assert.equal(first.result.results[1].name, `Post number 51 · ${shown(expected[1].timestamp)}`);
	assert.ok(first.result.paginationToken, 'a cursor to read on');

	const second = await callListSearch(rig, 'searchPosts', { paginationToken: first.result.paginationToken });
	assert.equal(second.requests[0].query.after, first.result.paginationToken);
	assert.deepEqual(
		second.result.results.map((r) => r.value),
		expected.slice(50).map((p) => p.id),
	);
	assert.deepEqual(
		second.result.results.map((r) => r.value),
		[older[2].id, older[1].id, older[0].id],
	);
	assert.equal(second.result.paginationToken, undefined, 'the end of the list');
});

test('searchPosts: the filter keeps the posts whose text holds it, ignoring case, reading on through the pages', async () => {
	const { result, requests } = await callListSearch(rig, 'searchPosts', { filter: 'NUMBER 1' });
	// Post number 1, 10..19: the last of them are on the second page.
	assert.deepEqual(
		result.results.map((r) => r.value),
		[19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 1].map((n) => older[n].id),
	);
	assert.ok(result.results.every((r) => /^Post number 1\d? · /.test(r.name)));
	assert.equal(requests.length, 2, 'both pages read for one answer');
	assert.equal(result.paginationToken, undefined);

	const none = await callListSearch(rig, 'searchPosts', { filter: 'no post says this' });
	assert.deepEqual(none.result.results, []);
});

test('searchReplies: the conversation under the Post picked in the node, with author, text and date; filtered by author', async () => {
	const post = await rig.post('Tell me what you think');
	const first = rig.sandbox.simulateReply({ to: post.id, text: 'I think it is great' });
	rig.sandbox.clock.advance(60_000);
	const nested = rig.sandbox.simulateReply({ to: first, text: 'Agreed', username: 'small_account' });
	const conversation = await rig.api('GET', `/${post.id}/conversation`, { fields: 'id,text,username,timestamp' });
	const expected = conversation.data as Array<Record<string, string>>;
	assert.deepEqual(new Set(expected.map((r) => r.id)), new Set([first, nested]));

	const { result, requests } = await callListSearch(rig, 'searchReplies', {
		parameters: { resource: 'reply', operation: 'hide', postId: fromList(post.id) },
		path: 'parameters.replyId',
	});
	assert.equal(requests.at(-1)?.path, `/v1.0/${post.id}/conversation`);
	assert.deepEqual(
		result.results.map((r) => ({ name: r.name, value: r.value })),
		expected.map((r) => ({ name: `@${r.username}: ${r.text} · ${shown(r.timestamp)}`, value: r.id })),
	);

	const byAuthor = await callListSearch(rig, 'searchReplies', {
		parameters: { resource: 'reply', operation: 'unhide', postId: byUrl(post.permalink) },
		filter: 'small_acc',
	});
	assert.deepEqual(
		byAuthor.result.results.map((r) => r.value),
		[nested],
	);
});

test('searchReplies: Approve lists the replies waiting for approval; without a Post it says to pick one', async () => {
	const post = await rig.post('Approvals on', { enable_reply_approvals: true });
	const waiting = rig.sandbox.simulateReply({ to: post.id, text: 'Please approve me' });
	const { result, requests } = await callListSearch(rig, 'searchReplies', {
		parameters: { resource: 'reply', operation: 'approve', postId: fromList(post.id) },
	});
	assert.equal(requests.at(-1)?.path, `/v1.0/${post.id}/pending_replies`);
	assert.deepEqual(
		result.results.map((r) => r.value),
		[waiting],
	);

	await assert.rejects(
		callListSearch(rig, 'searchReplies', { parameters: { resource: 'reply', operation: 'hide' } }),
		/Pick the Post first/,
	);
});

test('searchLocations: places by name with their address and city; nothing is searched without a name', async () => {
	const { result, requests } = await callListSearch(rig, 'searchLocations', { filter: 'eiffel' });
	assert.equal(requests.length, 1);
	assert.equal(requests[0].path, '/v1.0/location_search');
	assert.equal(requests[0].query.q, 'eiffel');
	assert.deepEqual(result.results, [
		{ name: 'Eiffel Tower (Champ de Mars, 5 Av. Anatole France, Paris)', value: '107000000000002' },
	]);
	assert.equal(result.paginationToken, undefined);

	const empty = await callListSearch(rig, 'searchLocations', { filter: '  ' });
	assert.deepEqual(empty.result.results, []);
	assert.equal(empty.requests.length, 0);
});
