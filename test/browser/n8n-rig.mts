/**
 * One real n8n 2.40.7 per browser-test file: the package installed as a community package, the
 * "Threads (local sandbox)" credential, the example "Threads: publish a text post" and a variant of it
 * whose text is one character too long, on free ports, against a local Threads sandbox. The same
 * harness as `npm start` and the end-to-end tests (scripts/n8n/).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../../sandbox/index.mts';
import { importWorkflows } from '../../scripts/n8n/cli.mts';
import { ensureN8n } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions, Owner } from '../../scripts/n8n/instance.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import {
	importSandboxCredential,
	SANDBOX_CREDENTIAL_NAME,
} from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import { bindCredential, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { buildForE2e } from '../helpers/e2e-build.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CREDENTIAL_ID = 'browserThreadsCr';

export const PUBLISH_TEXT_WORKFLOW = 'Threads: publish a text post';
export const TOO_LONG_WORKFLOW = 'Threads: publish a text post (501 characters)';

export interface EditorRig {
	/** Base URL of the editor, e.g. http://127.0.0.1:41234 */
	url: string;
	owner: Owner;
	sandbox: Sandbox;
	server: N8nServer;
	/** Workflow ids by name, as the REST API lists them (the way `npm start` finds its links). */
	workflowIds: Map<string, string>;
	stop(): Promise<void>;
}

function exampleWorkflow(): WorkflowJson {
	const file = path.join(repoRoot, 'examples', 'publish-text-post.json');
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson;
	bindCredential(workflow, {
		id: CREDENTIAL_ID,
		name: SANDBOX_CREDENTIAL_NAME,
		type: THREADS_CREDENTIAL_TYPE,
	});
	return workflow;
}

/** The example with a 501-character text: one over Threads' limit. */
function tooLongWorkflow(): WorkflowJson {
	const workflow = exampleWorkflow();
	workflow.name = TOO_LONG_WORKFLOW;
	const threads = workflow.nodes.find((node) => node.name === 'Threads');
	if (!threads) throw new Error('examples/publish-text-post.json has no node named "Threads"');
	(threads.parameters as Record<string, unknown>).text = 'x'.repeat(501);
	return workflow;
}

export async function startEditorRig(log: (line: string) => void): Promise<EditorRig> {
	const runtime = await ensureN8n({ log });
	buildForE2e();
	const sandbox = await startSandbox({ port: 0 });
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'threads-browser-'));
	const owner: Owner = {
		email: 'browser@example.com',
		password: 'Browser-tests-1',
		firstName: 'Browser',
		lastName: 'Tester',
	};
	let server: N8nServer | undefined;
	const stop = async () => {
		await server?.stop().catch(() => undefined);
		await sandbox.close().catch(() => undefined);
		if (process.env.THREADS_E2E_KEEP !== '1') rmSync(userFolder, { recursive: true, force: true });
		else log(`kept the n8n user folder ${userFolder}`);
	};
	try {
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			owner,
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot });
		await importSandboxCredential(
			opts,
			sandbox,
			CREDENTIAL_ID,
			sandbox.issueToken({ kind: 'long' }),
		);
		const workflows = [exampleWorkflow(), tooLongWorkflow()];
		workflows.forEach((workflow, index) => (workflow.id = `browserWorkflow${index}`));
		await importWorkflows(opts, workflows);
		server = await startN8n(opts);
		const client = await server.login();
		const workflowIds = new Map((await client.workflows()).map((w) => [w.name, w.id]));
		for (const name of [PUBLISH_TEXT_WORKFLOW, TOO_LONG_WORKFLOW])
			if (!workflowIds.has(name)) throw new Error(`workflow "${name}" was not imported`);
		log(`n8n ${server.url} (log ${server.logFile}), sandbox ${sandbox.url}`);
		return { url: server.url, owner, sandbox, server, workflowIds, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
