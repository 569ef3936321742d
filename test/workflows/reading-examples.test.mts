// The examples/read-*.json workflows run as shipped (only the credential rebound) and produce real output.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { type WorkflowJson, repoRoot, runWorkflow } from '../helpers/n8n-engine.mts';
import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
let latest: { id: string };
before(async () => {
	rig = await startReadingRig();
	await rig.post('An older post');
	latest = await rig.post('The latest post');
	const reply = rig.sandbox.simulateReply({ to: latest.id, text: 'First!' });
	rig.sandbox.simulateReply({ to: reply, text: 'Second, nested' });
});
after(async () => await rig.close());

const examples = readdirSync(path.join(repoRoot, 'examples')).filter((name) => name.startsWith('read-') && name.endsWith('.json'));

function load(name: string): WorkflowJson {
	const workflow = JSON.parse(readFileSync(path.join(repoRoot, 'examples', name), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.threadsOAuth2Api) node.credentials.threadsOAuth2Api = rig.ref;
	}
	return workflow;
}

async function run(name: string): Promise<(node: string) => IDataObject[]> {
	const result = await runWorkflow(load(name), { credentials: rig.store });
	assert.equal(result.error, undefined, `${name}: ${result.error?.message}`);
	return (node) => result.output(node);
}

test('there are reading examples, each a Threads workflow started by hand', () => {
	assert.ok(examples.length >= 5, examples.join(', '));
	for (const name of examples) {
		const workflow = load(name);
		assert.ok(workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'), name);
		assert.ok(workflow.nodes.filter((n) => n.type === 'n8n-nodes-meta-threads.threads').length >= 2, name);
	}
});

test('read-latest-posts-with-insights.json: one flat insights object per post', async () => {
	const output = await run('read-latest-posts-with-insights.json');
	const insights = output('Get Post Insights');
	assert.equal(insights.length, 2);
	assert.equal(insights[0].id, latest.id);
	assert.equal(insights[0].replies, 1);
	assert.deepEqual(Object.keys(insights[0]).sort(), ['id', 'likes', 'quotes', 'replies', 'reposts', 'shares', 'views']);
});

test('read-conversation-of-latest-post.json: every reply under the latest post, oldest first', async () => {
	const output = await run('read-conversation-of-latest-post.json');
	assert.deepEqual(output('Get Conversation').map((r) => r.text), ['First!', 'Second, nested']);
});

test('read-search-and-embed.json: search results and their embed HTML', async () => {
	const output = await run('read-search-and-embed.json');
	const found = output('Search Posts');
	const embeds = output('Get Embed');
	assert.ok(found.length >= 1);
	assert.equal(embeds.length, found.length);
	assert.equal(embeds[0].url, found[0].permalink);
	assert.match(String(embeds[0].html), /blockquote/);
});

test('read-public-profile.json: the profile, then its latest posts', async () => {
	const output = await run('read-public-profile.json');
	assert.equal(output('Look Up Public Profile')[0].follower_count, 150);
	const posts = output('Get Public Profile Posts');
	assert.equal(posts.length, 5);
	assert.ok(posts.every((p) => p.username === 'public_creator'));
});

test('read-account-overview.json: profile, quotas and insights with demographics', async () => {
	const output = await run('read-account-overview.json');
	assert.equal(output('Get My Profile')[0].username, 'sandbox_user');
	assert.equal(output('Get Publishing Limit')[0].posts_remaining, 248);
	const [insights] = output('Get Account Insights');
	assert.equal(insights.followers_count, 240);
	assert.equal(insights.breakdown, 'country');
	assert.deepEqual(insights.follower_demographics, { US: 60, FR: 60, DE: 60, BR: 60 });
});
