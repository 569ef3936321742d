// Simplify turns Meta's nested post objects into one flat object per post.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { simplifyPost } from '../../nodes/Threads/reading/simplify.ts';

test('references become <field>_id, {data:[...]} wrappers become arrays, other fields stay', () => {
	const raw = {
		id: '1',
		text: 'hello',
		owner: { id: '10' },
		replied_to: { id: '2' },
		root_post: { id: '3' },
		quoted_post: { id: '4' },
		reposted_post: { id: '5' },
		children: { data: [{ id: '6', media_type: 'IMAGE', owner: { id: '10' } }, { id: '7' }] },
		text_entities: { data: [{ entity_type: 'SPOILER', offset: 0, length: 5 }] },
		location: { id: '9', name: 'Paris' },
		poll_attachment: { option_a: 'Tabs', option_b: 'Spaces' },
	};
	assert.deepEqual(simplifyPost(raw), {
		id: '1',
		text: 'hello',
		owner_id: '10',
		replied_to_id: '2',
		root_post_id: '3',
		quoted_post_id: '4',
		reposted_post_id: '5',
		children: [{ id: '6', media_type: 'IMAGE', owner_id: '10' }, { id: '7' }],
		text_entities: [{ entity_type: 'SPOILER', offset: 0, length: 5 }],
		location: { id: '9', name: 'Paris' },
		poll_attachment: { option_a: 'Tabs', option_b: 'Spaces' },
	});
});

test('a post without nested fields is unchanged', () => {
	const raw = { id: '1', text: 't', timestamp: '2025-01-01T00:00:00+0000' };
	assert.deepEqual(simplifyPost(raw), raw);
});
