/**
 * The example workflows of examples/ as `npm start` and `npm run start:queue` import them: bound to the
 * sandbox credential, and imported again only when a file changed since its last import (a state file
 * remembers each file's id and SHA-256).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { importWorkflows } from './cli.mts';
import { stableId } from './ids.mts';
import type { Log } from './runtime.mts';
import type { N8nInstanceOptions } from './instance.mts';
import { SANDBOX_CREDENTIAL_NAME } from './sandbox-credential.mts';
import { THREADS_CREDENTIAL_TYPE } from './threads-types.mts';
import { bindCredential, type WorkflowJson } from './workflow-data.mts';

export interface ExampleState {
	[file: string]: { id: string; sha256: string };
}

/** The state file's content, or nothing for a fresh database (then everything is imported again). */
export function readExampleState(statePath: string, databaseExisted: boolean): ExampleState {
	if (!databaseExisted) return {};
	try {
		return JSON.parse(readFileSync(statePath, 'utf8')) as ExampleState;
	} catch {
		return {};
	}
}

/** Example workflows to (re)import: new files, and files changed since their last import. */
function examplesToImport(
	examplesDir: string,
	state: ExampleState,
	credentialId: string,
	log: Log,
): Array<{ file: string; sha256: string; workflow: WorkflowJson }> {
	if (!existsSync(examplesDir)) return [];
	const out: Array<{ file: string; sha256: string; workflow: WorkflowJson }> = [];
	for (const file of readdirSync(examplesDir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const text = readFileSync(path.join(examplesDir, file), 'utf8');
		const sha256 = createHash('sha256').update(text).digest('hex');
		let workflow: WorkflowJson;
		try {
			workflow = JSON.parse(text) as WorkflowJson;
		} catch (error) {
			log(`  skipping examples/${file}: not valid JSON (${(error as Error).message})`);
			continue;
		}
		if (!Array.isArray(workflow.nodes) || typeof workflow.connections !== 'object') {
			log(`  skipping examples/${file}: not a workflow (no nodes/connections)`);
			continue;
		}
		workflow.id = state[file]?.id ?? workflow.id ?? stableId(`example:${file}`);
		if (state[file]?.sha256 === sha256) continue;
		bindCredential(workflow, {
			id: credentialId,
			name: SANDBOX_CREDENTIAL_NAME,
			type: THREADS_CREDENTIAL_TYPE,
		});
		out.push({ file, sha256, workflow });
	}
	return out;
}

/** Imports new and changed examples, updates the state file; returns the state (file -> id). */
export async function importExamples(
	opts: N8nInstanceOptions,
	args: { examplesDir: string; statePath: string; state: ExampleState; credentialId: string; log: Log },
): Promise<ExampleState> {
	const { state, log } = args;
	const pending = examplesToImport(args.examplesDir, state, args.credentialId, log);
	if (pending.length > 0) {
		log(`Importing example workflows: ${pending.map((p) => `examples/${p.file}`).join(', ')} ...`);
		await importWorkflows(
			opts,
			pending.map((p) => p.workflow),
		);
		for (const p of pending) state[p.file] = { id: p.workflow.id!, sha256: p.sha256 };
		writeFileSync(args.statePath, JSON.stringify(state, null, 2));
	} else if (Object.keys(state).length > 0) {
		log('Example workflows already imported (unchanged).');
	} else {
		log('No example workflows in examples/ yet.');
	}
	return state;
}
