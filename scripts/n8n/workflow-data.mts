/**
 * The JSON n8n exchanges about workflows: a workflow as imported, and the run data of an execution
 * (from the CLI or the REST API), with small readers of them.
 */

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: Array<{
		name: string;
		type: string;
		credentials?: Record<string, { id?: string | null; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

/**
 * Points every credential reference of the given type (or with the given name) at `credential.id`.
 * Returns how many references were bound.
 */
export function bindCredential(
	workflow: WorkflowJson,
	credential: { id: string; name: string; type: string },
): number {
	let bound = 0;
	for (const node of workflow.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			if (type === credential.type || ref?.name === credential.name) {
				node.credentials![type] = { id: credential.id, name: credential.name };
				bound++;
			}
		}
	}
	return bound;
}

export interface RunData {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					executionStatus?: string;
					error?: { message?: string; description?: string };
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
			error?: { message?: string; description?: string; node?: { name?: string } };
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecutionResult extends RunData {
	id: string;
	workflowId?: string;
	mode?: string;
}

/** Output items (`json`) of a node's last run, first output. */
export function nodeOutput(run: RunData, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length)
		throw new Error(
			`node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`,
		);
	const last = runs[runs.length - 1];
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}
