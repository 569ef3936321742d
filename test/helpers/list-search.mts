/**
 * Calls one of the node's listSearch methods the way the n8n editor does (packages/cli
 * DynamicNodeParametersService.getResourceLocatorResults): a temporary workflow holding the node with
 * the editor's current parameters, n8n-core's LoadOptionsContext for it, and the same credential
 * helper the workflow engine uses. Reports the answer and the API requests it made.
 */
import { LoadOptionsContext } from 'n8n-core';
import {
	type IDataObject,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import type { RequestLogEntry } from '../../sandbox/index.mts';
import type { Rig } from './fixtures.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE, loadNodeTypes } from './n8n-engine.mts';

export interface ListSearchCall {
	/** The node's parameters as the editor holds them (resource, operation, the Post picked...). */
	parameters?: IDataObject;
	filter?: string;
	paginationToken?: string;
	typeVersion?: number;
	/** The parameter the list belongs to, as the editor sends it (e.g. `parameters.postId`). */
	path?: string;
}

export interface ListSearchOutcome {
	result: INodeListSearchResult;
	/** API requests the method made (token endpoints excluded). */
	requests: RequestLogEntry[];
}

export async function callListSearch(rig: Rig, method: string, call: ListSearchCall = {}): Promise<ListSearchOutcome> {
	const nodeTypes = loadNodeTypes();
	const typeVersion = call.typeVersion ?? 2;
	const parameters = (call.parameters ?? {}) as INodeParameters;
	const node: INode = {
		id: 'th',
		name: 'Threads',
		type: THREADS_NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [THREADS_CREDENTIAL_TYPE]: rig.ref },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: rig.store,
		currentNodeParameters: parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'test-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, call.path ?? 'parameters.postId');
	const nodeType = nodeTypes.getByNameAndVersion(THREADS_NODE_TYPE, typeVersion);
	const listSearch = nodeType.methods?.listSearch?.[method];
	if (!listSearch) throw new Error(`The node has no listSearch method ${method}`);
	const before = rig.sandbox.log.length;
	const result = await listSearch.call(context, call.filter, call.paginationToken);
	const requests = rig.sandbox.log
		.slice(before)
		.filter((entry) => !['exchangeToken', 'refreshToken', 'exchangeCode'].includes(entry.operation));
	return { result, requests };
}

/** A resource-locator value picked from a list, as the editor saves it. */
export function fromList(value: string): IDataObject {
	return { __rl: true, mode: 'list', value };
}
