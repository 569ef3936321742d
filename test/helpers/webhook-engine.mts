/**
 * The Threads Trigger's webhook as n8n runs it, without a server: n8n-core's WebhookContext (the
 * `this` of `webhook()`) and HookContext (the lifecycle methods) over a request and a response that
 * stand in for Express's, with the built node from dist/ and the in-memory credential store.
 */
import { createHmac } from 'node:crypto';

import { HookContext, WebhookContext } from 'n8n-core';
import {
	type IDataObject,
	type INode,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WebhookType,
	type WorkflowExecuteMode,
	Workflow,
} from 'n8n-workflow';

import { captureOutput } from './secret-scan.mts';
import {
	type CredentialStore,
	THREADS_CREDENTIAL_TYPE,
	THREADS_TRIGGER_NODE_TYPE,
	loadNodeTypes,
} from './n8n-engine.mts';

export const TRIGGER_NAME = 'Threads Trigger';

/** `X-Hub-Signature-256` as Meta computes it. */
export function sign(body: Buffer | string, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Request {
	query?: IDataObject;
	headers?: Record<string, string>;
	/** The bytes n8n keeps as `req.rawBody`; undefined for a request whose body n8n did not read. */
	body?: Buffer | string;
}

export interface Answer {
	status: number;
	body: string;
	headers: Record<string, string>;
	/** What the node returned to n8n. */
	result: IWebhookResponseData;
	/** json of the items the workflow would start with (none when it does not run). */
	items: IDataObject[];
	/** Everything written to stdout/stderr meanwhile (n8n's logger). */
	logged: string;
}

/** Express's response, as far as the node and n8n's webhook helper use it. */
class Response {
	statusCode = 200;
	headers: Record<string, string> = {};
	body = '';
	ended = false;
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	end(body?: string) {
		this.body = body ?? '';
		this.ended = true;
		return this;
	}
}

export interface TriggerRigOptions {
	store: CredentialStore;
	credential: { id: string; name: string };
	parameters: IDataObject;
	/** 'webhook' for an active workflow (default), 'manual' for "Listen for test event". */
	mode?: WorkflowExecuteMode;
	workflowId?: string;
	nodeId?: string;
}

/** One active workflow holding the trigger; its static data lives as long as the rig, like n8n's row. */
export class TriggerRig {
	readonly node: INode;
	readonly workflow: Workflow;
	private readonly nodeType = loadNodeTypes().getByName(THREADS_TRIGGER_NODE_TYPE) as INodeType;

	constructor(private readonly options: TriggerRigOptions) {
		this.node = {
			id: options.nodeId ?? 'trigger-node',
			name: TRIGGER_NAME,
			type: THREADS_TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'b6f4c1d2-0000-4000-8000-000000000001',
			parameters: options.parameters as INode['parameters'],
			credentials: { [THREADS_CREDENTIAL_TYPE]: options.credential },
		};
		this.workflow = new Workflow({
			id: options.workflowId ?? 'trigger-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: loadNodeTypes(),
			staticData: {},
		});
	}

	get mode(): WorkflowExecuteMode {
		return this.options.mode ?? 'webhook';
	}

	/** What the node keeps in the workflow's static data. */
	staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private webhookData(name: WebhookType): IWebhookData {
		const description = this.nodeType.description.webhooks!.find((w) => w.name === name)!;
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.node.webhookId}/${description.path}`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			isTest: this.mode === 'manual',
		} as IWebhookData;
	}

	private additionalData(
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.options.store,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			variables: {},
			executionId: undefined,
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** A GET (Meta's verification) or POST (a delivery) on the trigger's URL, answered as n8n would. */
	async request(method: 'GET' | 'POST', request: Request = {}): Promise<Answer> {
		const name: WebhookType = method === 'GET' ? 'setup' : 'default';
		const rawBody = request.body === undefined ? undefined : Buffer.from(request.body);
		const headers = Object.fromEntries(
			Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
		);
		const httpRequest = {
			method,
			headers,
			query: request.query ?? {},
			params: {},
			body: {},
			rawBody,
		};
		const response = new Response();
		const additionalData = this.additionalData({ httpRequest, httpResponse: response } as never);
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			this.mode,
			this.webhookData(name),
			[],
			null,
		);
		const { value: result, output: logged } = await captureOutput(
			async () => await this.nodeType.webhook!.call(context),
		);
		// n8n's webhook helper: an answer the node did not send itself is 200.
		if (!result.noWebhookResponse) {
			response.status(200).end(
				JSON.stringify({
					message: result.workflowData ? 'Workflow was started' : 'Webhook call received',
				}),
			);
		}
		return {
			status: response.statusCode,
			body: response.body,
			headers: response.headers,
			result,
			items: (result.workflowData?.[0] ?? []).map((item) => item.json),
			logged,
		};
	}

	/** A delivery of `body`, signed with `secret` unless `headers` says otherwise. */
	async deliver(body: unknown, secret: string, headers?: Record<string, string>): Promise<Answer> {
		const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
		return await this.request('POST', {
			body: raw,
			headers: headers ?? {
				'content-type': 'application/json',
				'x-hub-signature-256': sign(raw, secret),
			},
		});
	}

	/** One of the lifecycle methods n8n runs on activation (checkExists, then create) and deactivation. */
	async lifecycle(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData(),
			this.mode,
			'activate',
			this.webhookData('default'),
		);
		return await this.nodeType.webhookMethods!.default![method]!.call(context);
	}
}
