// Deliveries in Threads' own shape become one flat item per event; broken samples never throw.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { eventItem } from '../../nodes/ThreadsTrigger/webhook/eventItem.ts';
import { parseDelivery } from '../../nodes/ThreadsTrigger/webhook/payload.ts';

const notification = (field: string, value: unknown, topic = 'moderate') => ({
	app_id: '1111',
	topic,
	target_id: '2222',
	time: 1723226877,
	subscription_id: '3333',
	has_uid_field: false,
	values: { value, field },
});

function items(body: unknown) {
	const parsed = parseDelivery(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
	assert.ok(parsed.ok, 'not parsed');
	return parsed.events.map(eventItem);
}

const reply = {
	id: '8901234',
	username: 'replier',
	text: 'Is this on sale?',
	media_type: 'TEXT_POST',
	permalink: 'https://www.threads.net/@replier/post/Pp',
	replied_to: { id: '567890' },
	root_post: { id: '123456', owner_id: '42', username: 'me' },
	shortcode: 'Pp',
	timestamp: '2024-08-07T10:33:16+0000',
};

test('replies: the reply, whom it answers and the root post, with the notification around it', () => {
	const [item] = items(notification('replies', reply));
	assert.deepEqual(
		{ ...item, raw: undefined },
		{
			event: 'replies',
			postId: '8901234',
			text: 'Is this on sale?',
			username: 'replier',
			permalink: 'https://www.threads.net/@replier/post/Pp',
			timestamp: '2024-08-07T10:33:16+0000',
			mediaType: 'TEXT_POST',
			repliedToId: '567890',
			rootPostId: '123456',
			deletedAt: null,
			topic: 'moderate',
			appId: '1111',
			targetId: '2222',
			time: 1723226877,
			raw: undefined,
		},
	);
	assert.deepEqual(item.raw, notification('replies', reply));
});

test('mentions: text, author and link; replied_to / root_post when the mention is a reply', () => {
	const mention = {
		id: '77',
		text: 'hey @me',
		username: 'fan',
		permalink: 'https://www.threads.net/@fan/post/Xy',
		media_type: 'TEXT_POST',
		timestamp: '2024-08-08T09:00:00+0000',
		is_reply: true,
		is_quote_post: false,
		has_replies: false,
		replied_to: { id: '66' },
		root_post: { id: '55', owner_id: '9', username: 'someone' },
	};
	const [item] = items(notification('mentions', mention, 'interaction'));
	assert.equal(item.event, 'mentions');
	assert.equal(item.topic, 'interaction');
	assert.equal(item.postId, '77');
	assert.equal(item.username, 'fan');
	assert.equal(item.repliedToId, '66');
	assert.equal(item.rootPostId, '55');
});

test('publish: the new post; no reply fields', () => {
	const published = {
		id: '99',
		media_type: 'IMAGE',
		permalink: 'https://www.threads.net/@me/post/Ab',
		timestamp: '2024-08-09T08:00:00+0000',
		username: 'me',
	};
	const [item] = items(notification('publish', published, 'interaction'));
	assert.deepEqual(
		[
			item.event,
			item.postId,
			item.mediaType,
			item.username,
			item.text,
			item.repliedToId,
			item.rootPostId,
		],
		['publish', '99', 'IMAGE', 'me', null, null, null],
	);
});

test('delete: the id and when it was deleted', () => {
	const deleted = {
		id: '98',
		owner: { owner_id: '42' },
		deleted_at: '2024-08-10T08:00:00+0000',
		timestamp: '2024-08-09T08:00:00+0000',
		username: 'me',
	};
	const [item] = items(notification('delete', deleted));
	assert.deepEqual(
		[item.event, item.postId, item.deletedAt, item.username],
		['delete', '98', '2024-08-10T08:00:00+0000', 'me'],
	);
});

test('values as a list, and a list of notifications: one item per event, in order', () => {
	const twoValues = {
		...notification('replies', reply),
		values: [
			{ field: 'replies', value: reply },
			{ field: 'replies', value: { ...reply, id: '2' } },
		],
	};
	assert.deepEqual(
		items(twoValues).map((i) => i.postId),
		['8901234', '2'],
	);
	const list = [
		notification('replies', { id: 'a' }),
		notification('publish', { id: 'b' }, 'interaction'),
	];
	assert.deepEqual(
		items(list).map((i) => [i.event, i.postId]),
		[
			['replies', 'a'],
			['publish', 'b'],
		],
	);
	// raw holds only its own event
	assert.deepEqual(items(twoValues)[1].raw, {
		...notification('replies', reply),
		values: { field: 'replies', value: { ...reply, id: '2' } },
	});
});

test('broken samples do not throw: missing or mistyped fields become null or are skipped', () => {
	// no values, values null, values a string, entries that are not objects
	assert.deepEqual(items({ app_id: '1', topic: 'moderate' }), []);
	assert.deepEqual(items({ values: null }), []);
	assert.deepEqual(items({ values: 'replies' }), []);
	assert.deepEqual(items({ values: [1, null, 'x'] }), []);
	// a value with nothing in it, a field missing, a misspelt key, numeric ids, nested ids not objects
	const [empty] = items({ values: { field: 'replies' } });
	assert.equal(empty.event, 'replies');
	assert.equal(empty.postId, null);
	assert.equal(empty.time, null);
	assert.equal(empty.appId, null);
	const [noField] = items({ values: { value: { id: '5' } } });
	assert.equal(noField.event, '');
	const [odd] = items({
		app_id: 1111,
		time: '1723226877',
		target_id: 2222,
		values: {
			feild: 'replies',
			value: { id: 5, replied_to: '6', root_post: [7], text: 12, username: { x: 1 } },
		},
	});
	assert.equal(odd.event, '');
	assert.deepEqual(
		[odd.appId, odd.targetId, odd.time, odd.postId],
		['1111', '2222', 1723226877, '5'],
	);
	assert.deepEqual(
		[odd.repliedToId, odd.rootPostId, odd.text, odd.username],
		[null, null, '12', null],
	);
	// a list mixing notifications and junk
	assert.deepEqual(
		items([null, 3, notification('replies', { id: 'z' })]).map((i) => i.postId),
		['z'],
	);
});

test('a body that is not JSON, or JSON that is not an object or a list, is not a delivery', () => {
	for (const body of [
		'',
		' ',
		'{',
		'{"app_id":',
		'null',
		'42',
		'"text"',
		'true',
		'\u0000',
		'{"a":1}{"b":2}',
	]) {
		assert.deepEqual(parseDelivery(Buffer.from(body)), { ok: false }, JSON.stringify(body));
	}
	assert.deepEqual(parseDelivery(Buffer.from([0xff, 0xfe, 0x00])), { ok: false });
	assert.deepEqual(parseDelivery(Buffer.from('{}')), { ok: true, events: [] });
	assert.deepEqual(parseDelivery(Buffer.from('[]')), { ok: true, events: [] });
});
