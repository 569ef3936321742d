/**
 * The workflows of examples/ that start by hand (a Manual Trigger), ready to import into a real n8n
 * that talks to the sandbox. Examples started by a trigger run activated in their own tests
 * (test/e2e/poll-trigger.test.mts, test/e2e/webhook-trigger.test.mts); examples that upload media
 * need S3-compatible storage and run against Ceph (test/e2e/media-binary.test.mts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { stableId } from '../../scripts/n8n/ids.mts';
import { bindCredential, type WorkflowJson } from '../../scripts/n8n/workflow-data.mts';

const examplesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

export interface Example {
	file: string;
	workflow: WorkflowJson & { id: string };
}

/**
 * Each such example with a stable id (from `idPrefix` and its file name) and every Threads
 * credential reference pointed at `credential`; `except` names files to leave out.
 */
export function handStartedExamples(
	credential: { id: string; name: string; type: string },
	idPrefix: string,
	except: string[] = [],
): Example[] {
	return readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json') && !except.includes(file))
		.sort()
		.map((file) => ({
			file,
			workflow: JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as WorkflowJson,
		}))
		.filter(({ workflow }) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'))
		.filter(({ workflow }) => !workflow.nodes.some((node) => node.credentials?.threadsS3Storage))
		.map(({ file, workflow }) => {
			bindCredential(workflow, credential);
			return { file, workflow: { ...workflow, id: stableId(`${idPrefix}:${file}`) } };
		});
}
