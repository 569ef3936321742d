/**
 * Runs real workflow JSON (as exported from the n8n editor) through n8n-core's WorkflowExecute,
 * with the built nodes and credentials from dist/. The credentials helper mirrors what n8n's own
 * (packages/cli credentials-helper) does for the parts this package relies on: defaults and
 * expressions resolved at every read, generic authentication, and preAuthentication whose output is
 * persisted when the expirable field is empty.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { captureOutput, findSecrets, secretsOf } from './secret-scan.mts';
import {
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	type IDataObject,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IRequestOptionsSimplified,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	isExpression,
} from 'n8n-workflow';

const require = createRequire(import.meta.url);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const THREADS_NODE_TYPE = 'n8n-nodes-meta-threads.threads';
export const THREADS_TRIGGER_NODE_TYPE = 'n8n-nodes-meta-threads.threadsTrigger';
export const THREADS_POLL_TRIGGER_TYPE = 'n8n-nodes-meta-threads.threadsPollTrigger';
export const THREADS_CREDENTIAL_TYPE = 'threadsOAuth2Api';

export function loadBuilt<T>(relative: string, exportName: string): T {
	const modulePath = path.join(repoRoot, 'dist', relative);
	try {
		return new (require(modulePath)[exportName])() as T;
	} catch (error) {
		throw new Error(`Could not load ${modulePath}: run "npm run build" first (${(error as Error).message})`);
	}
}

/** Stand-ins for the two core nodes the example workflows start with. */
const manualTrigger: INodeType = {
	description: {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	},
	async trigger() {
		return {};
	},
	async execute(this) {
		return [[{ json: {} }]];
	},
} as unknown as INodeType;

const noOp: INodeType = {
	description: {
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		version: 1,
		description: '',
		defaults: { name: 'No Operation' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: { getInputData(): INodeExecutionData[] }) {
		return [this.getInputData()];
	},
} as unknown as INodeType;

/** The package's nodes and the core stand-ins, plus `extra` stand-ins a test brings (by type name). */
export function loadNodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		...extra,
		[THREADS_NODE_TYPE]: loadBuilt<IVersionedNodeType>('nodes/Threads/Threads.node.js', 'Threads'),
		[THREADS_TRIGGER_NODE_TYPE]: loadBuilt<INodeType>('nodes/ThreadsTrigger/ThreadsTrigger.node.js', 'ThreadsTrigger'),
		[THREADS_POLL_TRIGGER_TYPE]: loadBuilt<INodeType>('nodes/ThreadsPollTrigger/ThreadsPollTrigger.node.js', 'ThreadsPollTrigger'),
		'n8n-nodes-base.manualTrigger': manualTrigger,
		'n8n-nodes-base.noOp': noOp,
	};
	return {
		getByName: (type) => {
			if (!types[type]) throw new Error(`Unknown node type ${type}`);
			return types[type];
		},
		getByNameAndVersion: (type, version) => {
			if (!types[type]) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(types[type], version);
		},
		getKnownTypes: () => Object.fromEntries(Object.keys(types).map((name) => [name, { className: name, sourcePath: '' }])),
	} as INodeTypes;
}

export function loadCredentialType(): ICredentialType {
	return loadBuilt<ICredentialType>('credentials/ThreadsOAuth2Api.credentials.js', 'ThreadsOAuth2Api');
}

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	/** As n8n stores it: expressions unresolved. */
	data: ICredentialDataDecryptedObject;
}

const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const mockNodeTypes = {
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** An in-memory credential store standing in for n8n's encrypted one, shared by every execution. */
export class CredentialStore extends ICredentialsHelper {
	readonly credentials = new Map<string, StoredCredential>();
	/** Every write n8n would make to the credentials table, in order. */
	readonly writes: Array<{ id: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(private readonly types: Record<string, ICredentialType> = { [THREADS_CREDENTIAL_TYPE]: loadCredentialType() }) {
		super();
	}

	add(credential: Omit<StoredCredential, 'type'> & { type?: string }): StoredCredential {
		const stored = { type: THREADS_CREDENTIAL_TYPE, ...credential, data: { ...credential.data } };
		this.credentials.set(stored.id, stored);
		return stored;
	}

	raw(id: string): ICredentialDataDecryptedObject {
		const found = this.credentials.get(id);
		if (!found) throw new Error(`No credential ${id}`);
		return found.data;
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		const byId = nodeCredentials.id ? this.credentials.get(nodeCredentials.id) : undefined;
		const found = byId ?? [...this.credentials.values()].find((c) => c.type === type && c.name === nodeCredentials.name);
		if (!found) throw new Error(`Credential "${nodeCredentials.name}" of type ${type} not found`);
		return found;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions & Record<string, unknown>;
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic' && workflow && node) {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const resolved = isExpression(value)
						? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '')
						: value;
					const target = (requestOptions[outerKey] ??= {}) as Record<string, unknown>;
					target[key] = resolved;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		const expirable = type?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (!nodeCredentials) return undefined;
		const stored = this.find(nodeCredentials, typeName);
		const toPersist = { ...stored.data };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored.data[key])) toPersist[key] = value as ICredentialDataDecryptedObject[string];
		}
		await this.updateCredentials(nodeCredentials, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types[typeName];
		return typeof type?.preAuthentication === 'function'
			? ((await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const stored = this.find(nodeCredentials, type);
		return { id: stored.id, name: stored.name, type, getData: () => ({ ...stored.data }) } as unknown as ICredentials;
	}

	/** What a node sees: defaults applied and expressions resolved, read afresh at every call like n8n's DB read. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		_executeData?: IExecuteData,
		raw?: boolean,
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.find(nodeCredentials, type);
		if (raw) return structuredClone(stored.data);
		return resolveCredentialData(this.getCredentialsProperties(type), structuredClone(stored.data), mode);
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const stored = this.find(nodeCredentials, type);
		stored.data = structuredClone(data);
		this.writes.push({ id: stored.id, data: structuredClone(data) });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}

export function resolveCredentialData(
	properties: INodeProperties[],
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode = 'manual',
): ICredentialDataDecryptedObject {
	const withDefaults = NodeHelpers.getNodeParameters(properties, data as never, true, false, null, null) as ICredentialDataDecryptedObject;
	const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: mockNodeTypes });
	return workflow.expression.getComplexParameterValue(
		mockNode,
		withDefaults as never,
		mode,
		{},
		undefined,
		undefined,
		withDefaults as never,
	) as ICredentialDataDecryptedObject;
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IWorkflowBase['connections'];
	pinData?: Record<string, IDataObject[] | INodeExecutionData[]>;
	settings?: IDataObject;
}

export interface WorkflowResult {
	run: IRun;
	/** Output items (json) of a node's first output, from its last run. */
	output(nodeName: string, outputIndex?: number): IDataObject[];
	items(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: { message: string; description?: string; node?: string };
	/** Every string that ended up in the run data, for secret scanning. */
	serialized: string;
}

function toItems(data: IDataObject[] | INodeExecutionData[]): INodeExecutionData[] {
	return data.map((entry) => ('json' in entry && typeof entry.json === 'object' ? (entry as INodeExecutionData) : { json: entry as IDataObject }));
}

export interface RunOptions {
	credentials: CredentialStore;
	/** Pinned output per node name, like the editor's pinned data; overrides pinData in the JSON. */
	pinData?: Record<string, IDataObject[]>;
	mode?: WorkflowExecuteMode;
	/** Node types besides the Threads node and the two core stand-ins, by type name: stand-ins for core nodes the workflow uses, or a test's own probe node. */
	nodeTypes?: Record<string, INodeType>;
}

let executionCounter = 0;

/** What n8n hands every execution besides the workflow: credentials, hooks, URLs (none of them served here). */
export function engineAdditionalData(
	credentials: CredentialStore,
	mode: WorkflowExecuteMode,
	executionId: string,
	workflowData: WorkflowJson & { id?: string },
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, { ...workflowData, active: false, activeVersionId: null, isArchived: false, createdAt: new Date(), updatedAt: new Date() } as unknown as IWorkflowBase);
	return {
		credentialsHelper: credentials,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in workflow tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in workflow tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions): Promise<WorkflowResult> {
	const nodeTypes = loadNodeTypes(options.nodeTypes);
	const workflowData = structuredClone(workflowJson);
	const workflow = new Workflow({
		id: `test-${++executionCounter}`,
		name: workflowData.name ?? 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings ?? {},
	});
	const mode = options.mode ?? 'manual';
	const executionId = `exec-${executionCounter}`;
	const additionalData = engineAdditionalData(options.credentials, mode, executionId, { ...workflowData, id: workflow.id });

	const pinned = { ...(workflowData.pinData ?? {}), ...(options.pinData ?? {}) };
	const pinData = Object.fromEntries(Object.entries(pinned).map(([name, data]) => [name, toItems(data)]));
	const startNode = workflowData.nodes.find((node) => nodeTypes.getByName(node.type).description.group.includes('trigger'));
	const secretsBefore = [...options.credentials.credentials.values()].flatMap((credential) => secretsOf(credential.data));
	const executor = new WorkflowExecute(additionalData, mode);
	const { value: run, output: logged } = await captureOutput(
		async () => await executor.run({ workflow, startNode, pinData: Object.keys(pinData).length ? pinData : undefined }),
	);

	const runData = run.data.resultData.runData;
	const items = (nodeName: string, outputIndex = 0): INodeExecutionData[] => {
		const runs = runData[nodeName];
		if (!runs?.length) return [];
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};
	const error = run.data.resultData.error as { message: string; description?: string; node?: { name: string } } | undefined;
	const serialized = JSON.stringify(run.data, (_key, value) =>
		value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
	);
	// Every workflow test doubles as a leak check: no token, code or app secret may reach the
	// output, an error, or a log line, before or after a refresh.
	const secrets = [
		...secretsBefore,
		...[...options.credentials.credentials.values()].flatMap((credential) => secretsOf(credential.data)),
	];
	const leaks = findSecrets(`${serialized}\n${logged}`, secrets);
	if (leaks.length > 0) {
		throw new Error(`Secret leaked into the workflow's output, errors or logs: ${leaks.join(', ')}`);
	}
	return {
		run,
		items,
		output: (nodeName, outputIndex) => items(nodeName, outputIndex).map((item) => item.json),
		error: error ? { message: error.message, description: error.description ?? undefined, node: error.node?.name } : undefined,
		serialized,
	};
}

/** A workflow: manual trigger -> one Threads node with these parameters, the shape users build first. */
export function threadsWorkflow(parameters: IDataObject, credential: { id: string; name: string }, extra: Partial<INode> = {}): WorkflowJson {
	return {
		name: 'Threads test',
		nodes: [
			{ id: 't', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'th',
				name: 'Threads',
				type: THREADS_NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				parameters: parameters as INode['parameters'],
				credentials: { [THREADS_CREDENTIAL_TYPE]: credential },
				...extra,
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Threads', type: 'main', index: 0 }]] },
		},
	};
}
