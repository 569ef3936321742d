/**
 * The executions of a workflow in queue mode, read where every process writes them: PostgreSQL's
 * execution_entity (status) and, through main's REST API, their run data.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { type N8nRestClient, unflatten } from '../../scripts/n8n/rest-client.mts';
import type { RunData } from '../../scripts/n8n/workflow-data.mts';
import type { Postgres } from '../../scripts/services/postgres.mts';

export interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
}

const UNFINISHED = new Set(['new', 'running', 'waiting']);

/** The workflow's executions with an id above `afterId`, oldest first. */
export function executionRows(postgres: Postgres, workflowId: string, afterId = 0): ExecutionRow[] {
	const out = postgres.sql(
		'n8n',
		`select id, status, mode from execution_entity where "workflowId" = '${workflowId}' and id > ${afterId} order by id`,
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [id, status, mode] = line.split('|');
			return { id, status, mode };
		});
}

/** Waits until at least `count` executions above `afterId` exist and none of them is unfinished. */
export async function waitForFinished(
	postgres: Postgres,
	workflowId: string,
	{ count, afterId = 0, timeoutMs }: { count: number; afterId?: number; timeoutMs: number },
): Promise<ExecutionRow[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = executionRows(postgres, workflowId, afterId);
		if (rows.length >= count && rows.every((row) => !UNFINISHED.has(row.status))) return rows;
		if (Date.now() > deadline) {
			const open = rows
				.filter((row) => UNFINISHED.has(row.status))
				.map((row) => `${row.id}:${row.status}`);
			throw new Error(
				`executions did not finish: ${rows.length}/${count}, unfinished ${open.join(', ')}`,
			);
		}
		await sleep(1000);
	}
}

/** The highest execution id so far (0 when there is none). */
export function lastExecutionId(postgres: Postgres): number {
	return Number(postgres.sql('n8n', 'select coalesce(max(id), 0) from execution_entity').trim());
}

/** How many of the workflow's executions above `afterId` have `needle` in their saved data. */
export function executionsWhoseDataHas(
	postgres: Postgres,
	workflowId: string,
	afterId: number,
	needle: string,
): number {
	const pattern = `%${needle.replace(/'/g, "''")}%`;
	const count = postgres.sql(
		'n8n',
		`select count(*) from execution_data d join execution_entity e on e.id = d."executionId" ` +
			`where e."workflowId" = '${workflowId}' and e.id > ${afterId} and d.data like '${pattern}'`,
	);
	return Number(count.trim());
}

/** An execution with its run data parsed. */
export async function executionRun(
	client: N8nRestClient,
	id: string,
): Promise<RunData & { mode?: string }> {
	const execution = await client.execution(id);
	const data = (
		typeof execution.data === 'string' ? unflatten(execution.data) : execution.data
	) as RunData['data'];
	return { ...execution, data };
}

/** The error an execution ended with: its node's if it has one, else the workflow's. */
export function executionError(run: RunData, nodeName: string): string {
	const runs = run.data.resultData.runData?.[nodeName] ?? [];
	const error = runs.at(-1)?.error ?? run.data.resultData.error;
	return [error?.message, error?.description].filter(Boolean).join(' | ') || '(no error recorded)';
}
