/**
 * End to end, reading half: a real n8n 2.40.7 with the package installed as a community package. The AI-tool
 * variant of the node offers every reading operation with its description, and the reading examples run there
 * against the local sandbox. Slow (starts n8n; the first run on a machine installs it, see scripts/n8n/install.mts).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { importWorkflows } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import type { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import { importSandboxCredential, SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_TOOL_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { bindCredential, nodeOutput, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'e2eReadingCred01';
const EXAMPLES: Record<string, string> = {
	'read-public-profile.json': 'e2eReadProfile01',
	'read-search-and-embed.json': 'e2eReadSearch001',
	'read-account-overview.json': 'e2eReadAccount01',
};

/** Reading operations an agent must find in the tool variant, per resource. */
const READING: Record<string, string[]> = {
	post: ['delete', 'get', 'getAll', 'getEmbed', 'getGhostPosts', 'repost'],
	reply: ['approve', 'create', 'getAll', 'getConversation', 'getMine', 'getPending', 'hide', 'ignore', 'unhide'],
	profile: ['getMe', 'getProfilePosts', 'getPublishingLimit', 'lookUpProfile'],
	insights: ['getAccountInsights', 'getPostInsights'],
	search: ['searchPosts'],
	mention: ['getMentions'],
	location: ['getLocation', 'searchLocations'],
};

let sandbox: Sandbox;
let server: N8nServer;
let client: N8nRestClient;
let userFolder: string;
const log = (line: string) => console.log(`# ${line}`);

describe('reading operations in a real n8n', { timeout: 30 * 60_000 }, () => {
	before(async () => {
		const runtime = await ensureN8n({ log });
		buildForE2e();
		sandbox = await startSandbox({ port: 0 });
		userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-e2e-reading-'));
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner: { email: 'e2e-reading@example.com', password: 'E2e-reading-password-1' },
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot, log });
		await importSandboxCredential(opts, sandbox, CREDENTIAL_ID, sandbox.issueToken({ kind: 'long' }));
		const workflows = Object.entries(EXAMPLES).map(([file, id]) => {
			const workflow = JSON.parse(readFileSync(path.join(repoRoot, 'examples', file), 'utf8')) as WorkflowJson;
			workflow.id = id;
			assert.ok(bindCredential(workflow, { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE }) >= 2);
			return workflow;
		});
		await importWorkflows(opts, workflows);
		server = await startN8n(opts);
		client = await server.login();
	});

	after(async () => {
		await server?.stop();
		await sandbox?.close();
		if (userFolder && process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
	});

	it('registers the AI-tool variant with every reading operation, its action and description', async () => {
		const types = (await client.nodeTypes()) as unknown as Array<{ name: string; version: number | number[]; properties: INodeProperties[] }>;
		// One description per node version: the latest is the one a new tool gets.
		const tool = types
			.filter((type) => type.name === THREADS_TOOL_NODE_TYPE)
			.sort((a, b) => Math.max(...[b.version].flat()) - Math.max(...[a.version].flat()))[0];
		assert.deepEqual(types.filter((type) => type.name === THREADS_TOOL_NODE_TYPE).map((type) => type.version).flat().sort(), [1, 2]);
		assert.ok(tool, `${THREADS_TOOL_NODE_TYPE} is not registered`);
		const resource = tool.properties.find((p) => p.name === 'resource');
		const resources = ((resource?.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
		for (const [name, operations] of Object.entries(READING)) {
			assert.ok(resources.includes(name), `resource ${name} missing from the tool`);
			const selector = tool.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(name));
			const options = (selector?.options ?? []) as INodePropertyOptions[];
			for (const operation of operations) {
				const option = options.find((o) => o.value === operation);
				assert.ok(option?.action && option.description, `${name}.${operation} missing or undescribed in the tool`);
			}
		}
	});

	it('runs read-public-profile.json: the profile and its posts', async () => {
		const ex = await client.runWorkflow(EXAMPLES['read-public-profile.json']);
		assert.equal(ex.status, 'success', JSON.stringify(ex.data.resultData.error ?? {}).slice(0, 2000));
		assert.equal(nodeOutput(ex, 'Look Up Public Profile')[0]?.follower_count, 150);
		const posts = nodeOutput(ex, 'Get Public Profile Posts');
		assert.equal(posts.length, 5);
		assert.ok(posts.every((p) => p.username === 'public_creator'));
	});

	it('runs read-search-and-embed.json: search results with their embed HTML', async () => {
		const ex = await client.runWorkflow(EXAMPLES['read-search-and-embed.json']);
		assert.equal(ex.status, 'success', JSON.stringify(ex.data.resultData.error ?? {}).slice(0, 2000));
		const embeds = nodeOutput(ex, 'Get Embed');
		assert.ok(embeds.length >= 1);
		assert.match(String(embeds[0].html), /blockquote/);
	});

	it('runs read-account-overview.json: quotas and insights with demographics', async () => {
		const ex = await client.runWorkflow(EXAMPLES['read-account-overview.json']);
		assert.equal(ex.status, 'success', JSON.stringify(ex.data.resultData.error ?? {}).slice(0, 2000));
		assert.equal(nodeOutput(ex, 'Get Publishing Limit')[0]?.posts_remaining, 250);
		const [insights] = nodeOutput(ex, 'Get Account Insights');
		assert.equal(insights?.followers_count, 240);
		assert.deepEqual(insights?.follower_demographics, { US: 60, FR: 60, DE: 60, BR: 60 });
	});
});
