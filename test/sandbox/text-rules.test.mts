// Threads' text rules pinned with worked examples written out from Meta's documentation
// (test/helpers/text-rules-examples.mts), over HTTP: container creation accepts exactly at the
// limit as Meta counts and refuses one past it. The sandbox counts the way the node does (a copy of
// the same logic), so these examples, not the node's tests, are what catch a shared mistake.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Sandbox } from '../../sandbox/index.mts';
import {
	LENGTH_EXAMPLES,
	LIMIT,
	LINK_EXAMPLES,
	type LinkExample,
	MAX_LINKS,
	linkPadding,
	padding,
} from '../helpers/text-rules-examples.mts';
import { type Client, type Params, client, startManual } from './helpers.mts';

let sb: Sandbox;
let c: Client;
before(async () => {
	sb = await startManual();
});
beforeEach(() => {
	sb.reset();
	c = client(sb);
});
after(() => sb.close());

const createText = (params: Params) => c.post('/me/threads', { media_type: 'TEXT', ...params });

for (const example of LENGTH_EXAMPLES) {
	const label = example.choice ? " (Meta is silent: the sandbox's choice)" : '';
	test(`length: ${example.name} counts ${example.meta}${label}`, async () => {
		// Plain letters count one each, so these are exactly 500 and 501 by Meta's count.
		const atLimit = padding(LIMIT - example.meta) + example.text;
		const overLimit = padding(LIMIT - example.meta + 1) + example.text;
		const accepted = await createText({ text: atLimit });
		assert.equal(accepted.status, 200, `${LIMIT} is allowed: ${JSON.stringify(accepted.body)}`);
		const refused = await createText({ text: overLimit });
		assert.equal(refused.status, 400, `${LIMIT + 1} is refused: ${JSON.stringify(refused.body)}`);
		assert.equal(refused.body.error.code, 100);
		assert.match(refused.body.error.message, /text must be at most 500 characters/);
	});
}

/** The example's text and attachment sent the way `via` says, with `extra` more links in the text. */
function linkParams(example: LinkExample, via: string, extra: number): Params {
	const text = [example.text, linkPadding(extra)].filter(Boolean).join(' ');
	if (via === 'link_attachment') return { text, link_attachment: example.linkAttachment! };
	if (via === 'text_attachment') {
		return {
			text,
			text_attachment: JSON.stringify({
				plaintext: 'More',
				link_attachment_url: example.linkAttachment,
			}),
		};
	}
	return { text };
}

const refusedForLinks = (res: { status: number; body: any }) =>
	res.status === 400 && /THREADS_API__LINK_LIMIT_EXCEEDED/.test(res.body?.error?.message ?? '');

for (const example of LINK_EXAMPLES) {
	const ways = example.linkAttachment ? ['link_attachment', 'text_attachment'] : ['text'];
	const label = example.choice ? " (Meta is silent: the sandbox's choice)" : '';
	for (const via of ways) {
		test(`links: ${example.name} (${via}) count ${example.meta}${label}`, async () => {
			if (example.meta > MAX_LINKS) {
				const res = await createText(linkParams(example, via, 0));
				assert.ok(
					refusedForLinks(res),
					`${example.meta} links are refused: ${JSON.stringify(res.body)}`,
				);
				return;
			}
			// Padded with different links to exactly 5 (accepted), then 6 (refused): pins the count.
			const atLimit = await createText(linkParams(example, via, MAX_LINKS - example.meta));
			assert.equal(
				atLimit.status,
				200,
				`${MAX_LINKS} links are allowed: ${JSON.stringify(atLimit.body)}`,
			);
			const overLimit = await createText(linkParams(example, via, MAX_LINKS - example.meta + 1));
			assert.ok(
				refusedForLinks(overLimit),
				`${MAX_LINKS + 1} links are refused: ${JSON.stringify(overLimit.body)}`,
			);
		});
	}
}
