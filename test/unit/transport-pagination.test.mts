// The one pagination walker: Meta's lists carry paging.cursors always and paging.next only sometimes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { type Page, walkList, walkPages } from '../../nodes/Threads/transport/pagination.ts';

/** A list of `total` posts served in pages, recording each request's query; `withNext` says whether pages carry paging.next. */
function list(total: number, { withNext }: { withNext: boolean }) {
	const posts = Array.from({ length: total }, (_, index) => ({ id: String(index + 1) }));
	const requests: IDataObject[] = [];
	const read = async (qs: IDataObject): Promise<Page> => {
		requests.push(qs);
		const limit = Number(qs.limit);
		let start = 0;
		let end = Math.min(total, limit);
		if (qs.after !== undefined) {
			start = Number(qs.after);
			end = Math.min(total, start + limit);
		} else if (qs.before !== undefined) {
			end = Number(qs.before) - 1;
			start = Math.max(0, end - limit);
		}
		const data = posts.slice(start, end);
		if (data.length === 0) return { data: [] };
		const paging: Page['paging'] = { cursors: { before: String(start + 1), after: String(end) } };
		if (withNext && end < total) paging.next = `https://graph.threads.net/v1.0/me/threads?after=${end}`;
		return { data, paging };
	};
	return { read, requests };
}

test('a full page with cursors.after but no paging.next is followed: the walk does not stop early', async () => {
	const { read, requests } = list(250, { withNext: false });
	const all = await walkPages(read);
	assert.equal(all.length, 250);
	assert.deepEqual(all.map((post) => post.id), Array.from({ length: 250 }, (_, index) => String(index + 1)));
	assert.equal(requests.length, 3, 'the short third page ends the walk');
});

test('with paging.next the walk ends on the page that has none', async () => {
	const { read, requests } = list(250, { withNext: true });
	assert.equal((await walkPages(read)).length, 250);
	assert.equal(requests.length, 3);
});

test('a list that ends on a full page without paging.next costs one empty read, never a lost page', async () => {
	const { read, requests } = list(200, { withNext: false });
	assert.equal((await walkPages(read)).length, 200);
	assert.equal(requests.length, 3);
	assert.deepEqual(requests.map((qs) => qs.after), [undefined, '100', '200']);
});

test('a limit asks only for what is missing and never reads past it', async () => {
	const { read, requests } = list(1000, { withNext: true });
	const first = await walkPages(read, { limit: 150 });
	assert.equal(first.length, 150);
	assert.deepEqual(requests.map((qs) => qs.limit), [100, 50]);
});

test('walking back from a cursor returns the posts before it in Threads order, the last `limit` of them', async () => {
	const { read } = list(300, { withNext: false });
	const back = await walkPages(read, { direction: 'before', cursor: '251', limit: 120 });
	assert.equal(back.length, 120);
	assert.equal(back[0].id, '131');
	assert.equal(back[back.length - 1].id, '250');
});

test('a page limit and a stop condition end the walk early; a repeated cursor cannot loop', async () => {
	const { read, requests } = list(1000, { withNext: true });
	await walkPages(read, { maxPages: 2 });
	assert.equal(requests.length, 2);
	const found = await walkPages(read, { stopWhen: (data) => data.some((post) => post.id === '150') });
	assert.equal(found.length, 200);
	let calls = 0;
	const stuck = async (): Promise<Page> => {
		calls++;
		return { data: [{ id: String(calls) }], paging: { cursors: { after: 'same' }, next: 'x' } };
	};
	assert.equal((await walkPages(stuck)).length, 2);
	assert.equal(calls, 2);
});

test('walkList: a small first page, then the largest; it says whether the list ended and where to read on', async () => {
	const { read, requests } = list(300, { withNext: true });
	const cut = await walkList(read, { firstPageSize: 25, maxPages: 2 });
	assert.deepEqual(requests.map((qs) => qs.limit), [25, 100]);
	assert.equal(cut.data.length, 125);
	assert.equal(cut.complete, false);
	assert.equal(cut.pages, 2);
	const rest = await walkList(read, { cursor: cut.next });
	assert.equal(rest.complete, true);
	assert.equal(rest.next, undefined);
	assert.deepEqual([...cut.data, ...rest.data].map((post) => post.id), Array.from({ length: 300 }, (_, index) => String(index + 1)));
	const stopped = await walkList(read, { stopWhen: () => true, maxPages: 1 });
	assert.equal(stopped.complete, true, 'a stop condition ends the walk as complete');
});
