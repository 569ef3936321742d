/**
 * One n8n version ready for the version-matrix tests: installed in the cache, on a PostgreSQL
 * database of its own, with this package installed as n8n's community installer does, the examples
 * started by hand and a credential holding a fresh authorization code imported before it starts
 * (one `n8n start` per version), its own Threads sandbox, and a REST client logged in as the owner.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { type Sandbox, startSandbox } from '../../sandbox/index.mts';
import { importCredentials, importWorkflows } from '../../scripts/n8n/cli.mts';
import { stableId } from '../../scripts/n8n/ids.mts';
import { ensureN8nVersion } from '../../scripts/n8n/install.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { fmtDuration } from '../../scripts/n8n/logged-command.mts';
import { getFreePort } from '../../scripts/n8n/ports.mts';
import { N8nRestClient } from '../../scripts/n8n/rest-client.mts';
import type { N8nRuntime } from '../../scripts/n8n/runtime.mts';
import { SANDBOX_CREDENTIAL_NAME, sandboxCredential } from '../../scripts/n8n/sandbox-credential.mts';
import { startN8n, type N8nServer } from '../../scripts/n8n/server.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import { installPackageIntoUserFolder } from '../../scripts/n8n/user-folder.mts';
import type { Postgres } from '../../scripts/services/postgres.mts';
import { CredentialLifecycle, type TestCredential } from './credential-lifecycle.mts';
import { type Example, handStartedExamples } from './hand-started-examples.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OWNER = { email: 'versions-owner@example.com', password: 'Versions-owner-password-1' };

export interface VersionRig {
	version: string;
	runtime: N8nRuntime;
	opts: N8nInstanceOptions;
	sandbox: Sandbox;
	server: N8nServer;
	client: N8nRestClient;
	examples: Example[];
	/** The token life of `codeCredential`, whose code nothing has exchanged yet. */
	life: CredentialLifecycle;
	codeCredential: TestCredential;
	/** The last lines n8n logged, for failure messages. */
	logTail(lines?: number): string;
	stop(): Promise<void>;
}

export async function startVersion(
	version: string,
	shared: { postgres: Postgres; faketimeLibrary: string; log: (line: string) => void },
): Promise<VersionRig> {
	const { postgres, log } = shared;
	const started = Date.now();
	const runtime = await ensureN8nVersion(version, { log });
	const sandbox = await startSandbox({ port: 0 });
	const userFolder = mkdtempSync(path.join(os.tmpdir(), `threads-versions-${version}-`));
	let server: N8nServer | undefined;
	const stop = async () => {
		await server?.stop();
		await sandbox.close();
		if (process.env.THREADS_E2E_KEEP === '1') log(`kept ${userFolder}`);
		else rmSync(userFolder, { recursive: true, force: true });
	};
	try {
		const database = `n8n_${version.replace(/\W/g, '_')}`;
		postgres.createDatabase(database);
		const opts: N8nInstanceOptions = {
			runtime,
			userFolder,
			port: await getFreePort(),
			runnerPort: await getFreePort(),
			env: postgres.n8nEnv(database),
		};
		installPackageIntoUserFolder({ runtime, userFolder, packageDir: repoRoot });

		const credentialId = stableId(`versions-sandbox-credential:${version}`);
		const examples = handStartedExamples(
			{ id: credentialId, name: SANDBOX_CREDENTIAL_NAME, type: THREADS_CREDENTIAL_TYPE },
			`versions-example:${version}`,
		);
		const life = new CredentialLifecycle(opts, sandbox, shared.faketimeLibrary);
		const code = life.prepare();
		await importCredentials(opts, [
			sandboxCredential(sandbox, credentialId, sandbox.issueToken({ kind: 'long' })),
			code.data,
		]);
		// n8n 1.x's workflow table has `active` NOT NULL without a default, and n8n 1.85's `n8n execute`
		// reads `settings` without a fallback: an imported file must carry both.
		const workflows = [...examples.map((example) => example.workflow), code.workflow];
		await importWorkflows(
			opts,
			workflows.map((workflow) => ({ ...workflow, active: false, settings: workflow.settings ?? {} })),
		);

		server = await startN8n(opts);
		const client = new N8nRestClient(server.url);
		await client.setupOwner(OWNER);
		log(`n8n ${version} (Node ${process.version}) is up in ${fmtDuration(Date.now() - started)}: ${server.url}, user folder ${userFolder}`);
		const logFile = server.logFile;
		return {
			version,
			runtime,
			opts,
			sandbox,
			server,
			client,
			examples,
			life,
			codeCredential: code.credential,
			logTail: (lines = 60) => {
				try {
					return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
				} catch {
					return '(no log)';
				}
			},
			stop: async () => {
				await stop();
				log(`n8n ${version}: ${fmtDuration(Date.now() - started)} from install check to stop`);
			},
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
