/**
 * A client of n8n's internal REST API, as the editor uses it: log in, node and credential types,
 * workflows, run a workflow and wait for its saved execution.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionResult, RunData, WorkflowJson } from './workflow-data.mts';

const BROWSER_ID = 'n8n-nodes-meta-threads-harness';

/** Parses n8n's "flatted" serialisation (used for execution data in the internal REST API). */
export function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const seen = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		if (seen.has(index)) return seen.get(index);
		const out: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		seen.set(index, out);
		for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
			(out as Record<string, unknown>)[key] =
				typeof item === 'string' ? revive(Number(item)) : item;
		}
		return out;
	};
	return revive(0);
}

export class RestError extends Error {
	constructor(
		message: string,
		readonly status: number,
		readonly body: string,
	) {
		super(message);
	}
}

export class N8nRestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(30_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		for (const c of setCookie) {
			const pair = c.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await res.text();
		if (!res.ok)
			throw new RestError(
				`${method} ${urlPath} -> ${res.status}: ${text.slice(0, 500)}`,
				res.status,
				text,
			);
		if (!text) return undefined as T;
		const json = JSON.parse(text) as unknown;
		// the internal REST API wraps payloads in { data }
		return (
			json && typeof json === 'object' && 'data' in json && Object.keys(json).length === 1
				? (json as { data: T }).data
				: json
		) as T;
	}

	async login(email: string, password: string, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
				if (!this.cookie) throw new Error('login answered without an n8n-auth cookie');
				return;
			} catch (error) {
				// right after start the owner may not be applied yet
				if (Date.now() > deadline) throw error;
				await sleep(1000);
			}
		}
	}

	/**
	 * Creates the owner account of a new instance and logs in as it (n8n 1.x has no
	 * N8N_INSTANCE_OWNER_* variables; the editor's setup page calls this).
	 */
	async setupOwner(
		owner: { email: string; password: string; firstName?: string; lastName?: string },
		timeoutMs = 60_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				await this.request('POST', '/rest/owner/setup', {
					firstName: 'Test',
					lastName: 'Owner',
					...owner,
				});
				break;
			} catch (error) {
				// n8n 1.x answers /healthz/readiness before it has loaded the nodes and its REST API
				if (!(error instanceof RestError && error.status === 404) || Date.now() > deadline)
					throw error;
				await sleep(500);
			}
		}
		if (!this.cookie) throw new Error('owner setup answered without an n8n-auth cookie');
	}

	/** Node type descriptions as the editor receives them (`/types/nodes.json`). */
	async nodeTypes(): Promise<
		Array<{ name: string; displayName: string; version: number | number[] }>
	> {
		return await this.request('GET', '/types/nodes.json');
	}

	async credentialTypes(): Promise<Array<{ name: string; displayName: string }>> {
		return await this.request('GET', '/types/credentials.json');
	}

	async workflow(id: string): Promise<WorkflowJson & { id: string }> {
		return await this.request('GET', `/rest/workflows/${id}`);
	}

	async workflows(): Promise<Array<{ id: string; name: string }>> {
		const res = await this.request<unknown>('GET', '/rest/workflows');
		// { count, data: [...] } in n8n 2.x; a bare array in older versions
		if (Array.isArray(res)) return res as Array<{ id: string; name: string }>;
		return ((res as { data?: unknown }).data ?? []) as Array<{ id: string; name: string }>;
	}

	async execution(id: string): Promise<ExecutionResult & { data: RunData['data'] | string }> {
		return await this.request('GET', `/rest/executions/${id}`);
	}

	/**
	 * Runs a workflow the way the editor's "Execute workflow" button does (manual mode, from its first
	 * manual trigger) and waits for the saved execution; returns it with its run data parsed.
	 */
	async runWorkflow(id: string, timeoutMs = 120_000): Promise<ExecutionResult> {
		const wf = await this.workflow(id);
		const trigger =
			wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger') ??
			wf.nodes.find((n) => /trigger/i.test(n.type));
		if (!trigger) throw new Error(`workflow ${id} has no trigger node to start from`);
		const started = await this.request<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${id}/run`,
			// n8n 1.x runs the workflow sent along; 2.x loads it by id and drops `workflowData`.
			{ workflowData: wf, triggerToStartFrom: { name: trigger.name } },
		);
		if (!started?.executionId)
			throw new Error(`workflow ${id} did not start: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			try {
				const ex = await this.execution(started.executionId);
				const done =
					ex.finished || ['success', 'error', 'crashed', 'canceled'].includes(String(ex.status));
				if (done && ex.data) {
					const data = (
						typeof ex.data === 'string' ? unflatten(ex.data) : ex.data
					) as RunData['data'];
					return { ...ex, id: started.executionId, data };
				}
			} catch (error) {
				if (!(error instanceof RestError && error.status === 404)) throw error;
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${started.executionId} did not finish within ${timeoutMs / 1000}s`,
				);
			await sleep(500);
		}
	}
}
