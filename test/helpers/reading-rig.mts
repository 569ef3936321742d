/**
 * Shared by the reading/engagement workflow tests: a sandbox rig, a one-node workflow runner that reports
 * what the node sent to the sandbox, and helpers that put posts, replies and extra credentials in place.
 */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { RequestLogEntry, Sandbox } from '../../sandbox/index.mts';
import { type Rig, startRig } from './fixtures.mts';
import { type WorkflowResult, runWorkflow, threadsWorkflow } from './n8n-engine.mts';

export const CREATOR_ID = '17841400000000002';
export const SMALL_ID = '17841400000000003';
export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface NodeRun {
	/** Absent when n8n refused to start the workflow (parameter issues). */
	result?: WorkflowResult;
	/** json of the Threads node's output items. */
	output: IDataObject[];
	items: INodeExecutionData[];
	/** API requests the node made (sandbox log entries; token endpoints excluded). */
	requests: RequestLogEntry[];
	error?: WorkflowResult['error'];
}

export interface ReadingRig extends Rig {
	token: string;
	/** Runs manual trigger -> Threads(parameters); `input` becomes the items the Threads node receives. */
	run(parameters: IDataObject, options?: RunNodeOptions): Promise<NodeRun>;
	/** A text post published through the API; the sandbox clock moves `gapMs` (default 1 min) afterwards. */
	post(text: string, extra?: Record<string, string | boolean>, gapMs?: number): Promise<PostRef>;
	/** `count` text posts, oldest first, keeping under the 250-per-24-hours quota. */
	posts(count: number, prefix?: string): Promise<PostRef[]>;
	/** A credential on the same sandbox with another token (other user or fewer scopes). */
	addCredential(name: string, token: string): { id: string; name: string };
	api(method: string, path: string, params?: Record<string, string | number | boolean>, token?: string): Promise<IDataObject>;
}

export interface RunNodeOptions {
	credential?: { id: string; name: string };
	input?: IDataObject[];
	/** Extra node settings, e.g. `{ onError: 'continueRegularOutput' }`. */
	node?: Partial<INode>;
}

export interface PostRef {
	id: string;
	permalink: string;
	shortcode: string;
}

const TRIGGER = 'When clicking ‘Execute workflow’';

export async function startReadingRig(): Promise<ReadingRig> {
	const rig = await startRig();
	const sandbox: Sandbox = rig.sandbox;
	// The test's own token for seeding and checking (the credential's may be refreshed and replaced).
	const token = sandbox.issueToken({ kind: 'long' });

	async function api(
		method: string,
		path: string,
		params: Record<string, string | number | boolean> = {},
		as = token,
	): Promise<IDataObject> {
		const url = new URL(`${sandbox.url}/v1.0${path}`);
		const form = new URLSearchParams({ access_token: as });
		for (const [key, value] of Object.entries(params)) {
			if (method === 'GET') url.searchParams.set(key, String(value));
			else form.set(key, String(value));
		}
		if (method === 'GET') url.searchParams.set('access_token', as);
		const response = await fetch(url, {
			method,
			headers: method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
			body: method === 'GET' ? undefined : form.toString(),
		});
		const body = (await response.json()) as IDataObject;
		if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${JSON.stringify(body)}`);
		return body;
	}

	async function post(text: string, extra: Record<string, string | boolean> = {}, gapMs = MINUTE): Promise<PostRef> {
		const created = await api('POST', '/me/threads', { media_type: 'TEXT', text, auto_publish_text: true, ...extra });
		const id = String(created.id);
		const read = await api('GET', `/${id}`, { fields: 'id,permalink,shortcode' });
		sandbox.clock.advance(gapMs);
		return { id, permalink: String(read.permalink), shortcode: String(read.shortcode) };
	}

	async function posts(count: number, prefix = 'post'): Promise<PostRef[]> {
		const out: PostRef[] = [];
		// 240 posts per 24 hours stays under Meta's 250.
		for (let i = 0; i < count; i++) out.push(await post(`${prefix} ${i}`, {}, 6 * MINUTE));
		return out;
	}

	let credentials = 0;
	function addCredential(name: string, value: string): { id: string; name: string } {
		const stored = rig.store.add({
			id: `cred-reading-${++credentials}`,
			name,
			data: { ...rig.credential.data, accessToken: value },
		});
		return { id: stored.id, name: stored.name };
	}

	// A credential's first use runs its preAuthentication (a /me check, then stored): done once up front so
	// the requests a test counts are only the operation's own.
	const warmed = new Set<string>();
	async function warm(ref: { id: string; name: string }): Promise<void> {
		if (warmed.has(ref.id)) return;
		warmed.add(ref.id);
		await runWorkflow(threadsWorkflow({ resource: 'user', operation: 'getTokenInfo' }, ref), { credentials: rig.store });
	}

	async function run(parameters: IDataObject, options: RunNodeOptions = {}): Promise<NodeRun> {
		await warm(options.credential ?? rig.ref);
		const workflow = threadsWorkflow(parameters, options.credential ?? rig.ref, options.node ?? {});
		const pinData = options.input ? { [TRIGGER]: options.input } : undefined;
		const before = sandbox.log.length;
		const requestsSince = () =>
			sandbox.log
				.slice(before)
				.filter((entry) => !['exchangeToken', 'refreshToken', 'exchangeCode'].includes(entry.operation));
		let result: WorkflowResult;
		try {
			result = await runWorkflow(workflow, { credentials: rig.store, pinData });
		} catch (thrown) {
			// n8n refuses to start a workflow whose node has parameter issues (a required field left empty,
			// a resource locator value its mode's regex refuses): report it like a node error.
			return { output: [], items: [], requests: requestsSince(), error: { message: (thrown as Error).message } };
		}
		return { result, output: result.output('Threads'), items: result.items('Threads'), requests: requestsSince(), error: result.error };
	}

	return { ...rig, token, run, post, posts, addCredential, api };
}

/** A resource-locator value as the editor saves it. */
export function byId(value: string): IDataObject {
	return { __rl: true, mode: 'id', value };
}

export function byUrl(value: string): IDataObject {
	return { __rl: true, mode: 'url', value };
}
