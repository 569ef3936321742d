// Each reading operation declares the scopes it needs; a token without them fails with those scopes named.
// Version 1's layout (User, Discovery), whose plain-string parameters these cases use; version 2 runs the same modules.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { repoRoot } from '../helpers/n8n-engine.mts';
import { type ReadingRig, byId, startReadingRig } from '../helpers/reading-rig.mts';
import { EVERY_SCOPE } from '../helpers/tokens.mts';

const require = createRequire(import.meta.url);
const { version1Resources: resources } = require(path.join(repoRoot, 'dist/nodes/Threads/actions/resources.js')) as {
	version1Resources: Record<string, { operations: Record<string, { requiredScopes?: string[] }> }>;
};

/** Minimal valid parameters of every reading operation that needs more than threads_basic. */
const PARAMETERS: Record<string, IDataObject> = {
	'post.delete': { postId: byId('1') },
	'post.repost': { postId: byId('1') },
	'reply.create': { replyToId: byId('{{POST}}'), text: 'hello' },
	'reply.getAll': { postId: byId('1') },
	'reply.getConversation': { postId: byId('1') },
	'reply.getMine': {},
	'reply.getPending': { postId: byId('1') },
	'reply.hide': { replyId: byId('1') },
	'reply.unhide': { replyId: byId('1') },
	'reply.approve': { replyId: byId('1') },
	'reply.ignore': { replyId: byId('1') },
	'user.lookUpProfile': { username: 'public_creator' },
	'user.getProfilePosts': { username: 'public_creator' },
	'insights.getPostInsights': { postId: byId('1') },
	'insights.getAccountInsights': {},
	'discovery.searchPosts': { query: 'sandbox' },
	'discovery.getMentions': {},
	'discovery.searchLocations': { query: 'Paris' },
	'discovery.getLocation': { locationId: '107000000000001' },
};

/** Operations of other engineers (publishing, credential), not covered here. */
const NOT_READING = new Set(['post.publish', 'post.publishThread', 'user.getTokenInfo', 'user.getAuthorizationUrl']);
/** The scopes a reading operation may declare (sharing to Instagram is not for reading). */
const ALL_SCOPES = EVERY_SCOPE.filter((scope) => scope !== 'threads_share_to_instagram');

const reading = Object.entries(resources)
	.filter(([resource]) => resource !== 'container')
	.flatMap(([resource, { operations }]) => Object.entries(operations).map(([operation, module]) => ({ key: `${resource}.${operation}`, resource, operation, scopes: module.requiredScopes })))
	.filter(({ key }) => !NOT_READING.has(key));

let rig: ReadingRig;
let postId: string;
before(async () => {
	rig = await startReadingRig();
	postId = (await rig.post('a post to reply to')).id;
});
after(async () => await rig.close());

test('every reading operation declares known scopes; those needing more than threads_basic are covered below', () => {
	assert.ok(reading.length >= 25, `only ${reading.length} reading operations found`);
	for (const { key, scopes } of reading) {
		assert.ok(Array.isArray(scopes) && scopes.length > 0, `${key} declares no requiredScopes`);
		for (const scope of scopes) assert.ok(ALL_SCOPES.includes(scope), `${key}: unknown scope ${scope}`);
		const needsMore = scopes.some((scope) => scope !== 'threads_basic');
		assert.equal(needsMore, key in PARAMETERS, `${key}: ${needsMore ? 'no missing-scope case' : 'a case for an operation that needs only threads_basic'}`);
	}
});

for (const [key, parameters] of Object.entries(PARAMETERS)) {
	test(`${key}: a token without its scopes is told which ones`, async () => {
		const [resource, operation] = key.split('.');
		const scopes = reading.find((op) => op.key === key)!.scopes!;
		const missing = scopes.filter((scope) => scope !== 'threads_basic');
		// Drop one scope at a time: whichever is missing, the message names what the operation needs.
		for (const dropped of missing) {
			const token = rig.sandbox.issueToken({ scopes: ALL_SCOPES.filter((scope) => scope !== dropped) });
			const credential = rig.addCredential(`without ${dropped}`, token);
			const filled = JSON.parse(JSON.stringify(parameters).replace('{{POST}}', postId)) as IDataObject;
			const { error } = await rig.run({ resource, operation, ...filled }, { credential });
			assert.ok(error, `${key} without ${dropped} should fail`);
			const expected = missing.length === 1 ? `"${missing[0]}"` : missing.map((scope) => `"${scope}"`).join(' and ');
			assert.equal(error.message, `The Threads token lacks the ${expected} permission`);
			assert.match(error.description ?? '', new RegExp(`Add ${expected}`));
		}
	});
}
