/**
 * The Threads credential's token life in a real n8n, driven through its CLI: a credential holding a
 * fresh authorization code and a Get Token Info workflow that uses it, runs with `n8n execute` in a
 * process whose clock libfaketime moves forward (n8n evaluates the credential's refresh gate in an
 * isolate, which only an OS-level clock shift reaches), and the credential as n8n stores it
 * (`n8n export:credentials --decrypted`). The sandbox's clock moves with n8n's.
 */
import assert from 'node:assert/strict';

import type { Sandbox } from '../../sandbox/index.mts';
import { faketimeEnv } from '../../scripts/faketime.mts';
import {
	type CredentialToImport,
	importCredentials,
	importWorkflows,
	runN8nCli,
} from '../../scripts/n8n/cli.mts';
import type { N8nInstanceOptions } from '../../scripts/n8n/instance.mts';
import { THREADS_CREDENTIAL_TYPE } from '../../scripts/n8n/threads-types.mts';
import type { WorkflowJson } from '../../scripts/n8n/workflow-data.mts';
import { authorizationCodeData, exportedCredential, tokenInfoWorkflow } from './token-info-n8n.mts';

export const DAY = 24 * 60 * 60 * 1000;

/** A credential of its own, and the token-info workflow that uses it. */
export interface TestCredential {
	credentialId: string;
	workflowId: string;
}

export class CredentialLifecycle {
	/** How far n8n's clock (and the sandbox's) is ahead of the real one. */
	offsetMs = 0;
	/** Every code, token and secret seen, for secret scans. */
	readonly secrets = new Set<string>();
	/** Everything the `n8n execute` runs printed. */
	readonly printed: string[] = [];
	private count = 0;

	constructor(
		private readonly opts: N8nInstanceOptions,
		private readonly sandbox: Sandbox,
		private readonly faketimeLibrary: string,
	) {
		this.secrets.add(sandbox.app.clientSecret);
	}

	travel(ms: number): void {
		this.offsetMs += ms;
		this.sandbox.clock.advance(ms);
	}

	/**
	 * The next credential holding an authorization code issued just now (the state after the user
	 * pasted the redirect URL), and its token-info workflow, to be imported together with others.
	 * The clocks only move forward, so each credential works from "now", whatever ran before it.
	 */
	prepare(): { credential: TestCredential; data: CredentialToImport; workflow: WorkflowJson } {
		const n = ++this.count;
		const credentialId = `e2eRefreshCred${String(n).padStart(2, '0')}`;
		const workflowId = `e2eTokenInfo${String(n).padStart(4, '0')}`;
		const name = `Threads (refresh test ${n})`;
		const { data: fields, code } = authorizationCodeData(this.sandbox);
		this.secrets.add(code);
		const data: CredentialToImport = { id: credentialId, name, type: THREADS_CREDENTIAL_TYPE, data: fields };
		const workflow = { ...tokenInfoWorkflow(`Token info ${n}`, { id: credentialId, name }), id: workflowId };
		return { credential: { credentialId, workflowId }, data, workflow };
	}

	/** prepare(), imported. */
	async newCredential(): Promise<TestCredential> {
		const { credential, data, workflow } = this.prepare();
		await importCredentials(this.opts, [data]);
		await importWorkflows(this.opts, [workflow]);
		return credential;
	}

	/** A new credential whose code n8n has already exchanged for a long-lived token (its first run). */
	async authorizedCredential(): Promise<TestCredential> {
		const credential = await this.newCredential();
		const run = await this.runOnce(credential);
		assert.ok(run.ok, run.output.slice(-3000));
		return credential;
	}

	/** Runs the credential's token-info workflow in a fresh n8n process living `offsetMs` ahead. */
	async runOnce({ workflowId }: TestCredential): Promise<{ ok: boolean; output: string }> {
		const env = this.offsetMs ? faketimeEnv(this.faketimeLibrary, this.offsetMs) : {};
		const result = await runN8nCli({ ...this.opts, env: { ...this.opts.env, ...env } }, [
			'execute',
			`--id=${workflowId}`,
			'--rawOutput',
		]);
		const output = `${result.stdout}\n${result.stderr}`;
		this.printed.push(output);
		return { ok: result.code === 0 && !/"error"\s*:/.test(result.stdout), output };
	}

	/** The credential as n8n stores it, decrypted by n8n itself. */
	async stored({ credentialId }: TestCredential): Promise<Record<string, string>> {
		const data = await exportedCredential(this.opts, credentialId);
		for (const key of ['longLivedToken', 'appSecret', 'authorizationCodeSecret']) {
			if (data[key]) this.secrets.add(data[key]);
		}
		return data;
	}

	/** How many requests of `operation` the sandbox has logged. */
	requests(operation: string): number {
		return this.sandbox.log.filter((entry) => entry.operation === operation).length;
	}
}

/** The token saved after the code exchange: a long-lived one, 60 days, the used code cleared. */
export function assertExchangeSaved(stored: Record<string, string>): void {
	assert.equal(stored.authorizationCodeSecret, '', 'the used code is cleared from the store');
	assert.ok(stored.longLivedToken, 'a long-lived token is stored');
	const lifetime = Date.parse(stored.tokenExpiresAt) - Date.parse(stored.tokenIssuedAt);
	assert.ok(Math.abs(lifetime - 60 * DAY) < 5 * 60_000, `60 days, got ${lifetime / DAY}`);
}

/** The token saved after a refresh `days` after `before`: a new one, and the expiry moved on. */
export function assertRefreshSaved(
	before: Record<string, string>,
	after: Record<string, string>,
	days: number,
): void {
	assert.notEqual(after.longLivedToken, before.longLivedToken, 'n8n saved the refreshed token');
	assert.ok(after.tokenRefreshedAt, 'the refresh time is saved');
	assert.ok(
		Date.parse(after.tokenExpiresAt) - Date.parse(before.tokenExpiresAt) > (days - 1) * DAY,
		`the saved expiry moved ${days} days later`,
	);
}
