/**
 * The package on both ends of the n8n 1.x range it supports (scripts/n8n/runtime.mts,
 * N8N_1X_VERSIONS): the oldest, n8n 1.85.4, and the last, n8n 1.123.81, each a real `n8n start` on
 * this machine's Node 20 with PostgreSQL. On each: the package loads (its nodes, the Threads node's
 * AI-tool variant, its credentials), every example started by hand runs against the sandbox (the
 * node's version 2), and the credential's code exchange and a refresh eight days later (libfaketime)
 * are saved (through the node's version 1). n8n 2.40.7 is proven the same way by test/e2e/
 * (n8n.test.mts, credential-refresh.test.mts).
 *
 * A cold machine installs both versions first, side by side (about 2.5 minutes, from the lockfiles in
 * scripts/n8n/locks/). THREADS_E2E_KEEP=1 keeps each version's user folder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { ensureFaketime } from '../../scripts/faketime.mts';
import { ensureN8nVersion } from '../../scripts/n8n/install.mts';
import { fmtDuration } from '../../scripts/n8n/logged-command.mts';
import { N8N_1X_VERSIONS } from '../../scripts/n8n/runtime.mts';
import {
	THREADS_CREDENTIAL_TYPE,
	THREADS_NODE_TYPE,
	THREADS_POLL_TRIGGER_NODE_TYPE,
	THREADS_STORAGE_CREDENTIAL_TYPE,
	THREADS_TOOL_NODE_TYPE,
	THREADS_TRIGGER_NODE_TYPE,
} from '../../scripts/n8n/threads-types.mts';
import { type Postgres, startPostgres } from '../../scripts/services/postgres.mts';
import { assertExchangeSaved, assertRefreshSaved, DAY } from '../helpers/credential-lifecycle.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';
import { startVersion, type VersionRig } from '../helpers/version-rig.mts';

const log = (line: string) => console.log(`# ${line}`);

/**
 * What each example started by hand asks the Threads API (the sandbox's operation names), so that
 * a run that succeeds without doing its work fails. The credential's own first requests (token
 * exchange, getMe) come with whichever example runs first and are left out.
 */
const EXPECTED_REQUESTS: Record<string, string[]> = {
	'carousel-from-items.json': ['createContainer', 'containerStatus', 'publish', 'getMedia'],
	'carousel-publish-in-one-step.json': ['createContainer', 'containerStatus', 'publish', 'getMedia'],
	'container-create-status-publish.json': ['createContainer', 'containerStatus', 'publish', 'getMedia'],
	'publish-text-post.json': ['createContainer', 'publish', 'getMedia'],
	'read-account-overview.json': ['getMe', 'publishingLimit', 'getUserInsights'],
	'read-conversation-of-latest-post.json': ['getThreads', 'getConversation'],
	'read-latest-posts-with-insights.json': ['getThreads', 'getMediaInsights'],
	'read-public-profile.json': ['profileLookup', 'profilePosts'],
	'read-search-and-embed.json': ['keywordSearch', 'oembed'],
};

let postgres: Postgres;
let faketimeLibrary: string;

/** Runs `step`, then logs how long it took. */
async function timed<T>(what: string, step: () => Promise<T> | T): Promise<T> {
	const started = Date.now();
	const value = await step();
	log(`${what} in ${fmtDuration(Date.now() - started)}`);
	return value;
}

before(async () => {
	await timed('built', buildForE2e);
	faketimeLibrary = ensureFaketime(log);
	// Side by side: cold, both npm installs take 2.5 minutes together, 3.75 one after the other.
	const [pg] = await Promise.all([
		timed('PostgreSQL started', async () => await startPostgres({ log })),
		...N8N_1X_VERSIONS.map((version) =>
			timed(`n8n ${version} installed or found in the cache`, async () => await ensureN8nVersion(version, { log })),
		),
	]);
	postgres = pg as Postgres;
});

after(async () => {
	await postgres?.stop();
});

for (const version of N8N_1X_VERSIONS) {
	describe(`n8n ${version}`, { timeout: 20 * 60_000 }, () => {
		let rig: VersionRig;

		before(async () => {
			rig = await startVersion(version, { postgres, faketimeLibrary, log });
		});

		after(async () => {
			await rig?.stop();
		});

		it('loads the package: the Threads node, both triggers and both credentials', async () => {
			const nodes = new Set((await rig.client.nodeTypes()).map((type) => type.name));
			for (const name of [THREADS_NODE_TYPE, THREADS_TRIGGER_NODE_TYPE, THREADS_POLL_TRIGGER_NODE_TYPE]) {
				assert.ok(nodes.has(name), `${name} missing from /types/nodes.json\n${rig.logTail()}`);
			}
			const credentials = new Set((await rig.client.credentialTypes()).map((type) => type.name));
			for (const name of [THREADS_CREDENTIAL_TYPE, THREADS_STORAGE_CREDENTIAL_TYPE]) {
				assert.ok(credentials.has(name), `${name} missing from /types/credentials.json`);
			}
		});

		it('registers the Threads node as an AI tool', async () => {
			const nodes = new Set((await rig.client.nodeTypes()).map((type) => type.name));
			assert.ok(nodes.has(THREADS_TOOL_NODE_TYPE), `${THREADS_TOOL_NODE_TYPE} missing\n${rig.logTail()}`);
		});

		it('runs every example started by hand against the sandbox', async () => {
			const failures: string[] = [];
			for (const { file, workflow } of rig.examples) {
				const from = rig.sandbox.log.length;
				const ex = await rig.client.runWorkflow(workflow.id);
				const seen = new Set(rig.sandbox.log.slice(from).map((entry) => entry.operation));
				log(`${version} examples/${file}: ${ex.status}, sandbox saw ${[...seen].join(', ')}`);
				if (ex.status !== 'success') {
					failures.push(`examples/${file}: ${ex.status}\n${JSON.stringify(ex.data.resultData.error ?? ex.data.resultData.runData).slice(0, 2000)}`);
					continue;
				}
				const expected = EXPECTED_REQUESTS[file];
				if (!expected) failures.push(`examples/${file}: add its requests to EXPECTED_REQUESTS`);
				const missing = (expected ?? []).filter((operation) => !seen.has(operation));
				if (missing.length) failures.push(`examples/${file}: the sandbox saw no ${missing.join(', ')} (saw ${[...seen].join(', ')})`);
			}
			assert.deepEqual(rig.examples.map((example) => example.file), Object.keys(EXPECTED_REQUESTS));
			assert.deepEqual(failures, [], failures.join('\n\n'));
		});

		it('saves the code exchange, and a refresh eight days later', async () => {
			const { life, codeCredential } = rig;
			rig.sandbox.clearLog(); // the examples' credential has made token requests of its own
			const exchange = await life.runOnce(codeCredential);
			assert.ok(exchange.ok, exchange.output.slice(-3000));
			const exchanged = await life.stored(codeCredential);
			assertExchangeSaved(exchanged);
			assert.equal(life.requests('exchangeCode'), 1);

			life.travel(8 * DAY);
			const refresh = await life.runOnce(codeCredential);
			assert.ok(refresh.ok, refresh.output.slice(-3000));
			assertRefreshSaved(exchanged, await life.stored(codeCredential), 8);
			assert.equal(life.requests('refreshToken'), 1);
		});
	});
}
