import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { UPLOAD_REPORT_FIELDS } from '../media/stageMedia';
import { THREAD_ERROR_FIELDS } from '../publishing/threadErrors';
import { redactSecrets } from '../shared/redact';

function details(error: unknown): IDataObject {
	const extra: IDataObject = {};
	const source = error as { description?: unknown; context?: IDataObject; httpCode?: unknown };
	if (typeof source.description === 'string' && source.description) {
		extra.description = redactSecrets(source.description);
	}
	if (source.httpCode) extra.httpCode = String(source.httpCode);
	const containerId = source.context?.containerId;
	if (containerId) extra.containerId = containerId;
	const childContainerIds = source.context?.childContainerIds;
	if (Array.isArray(childContainerIds)) extra.childContainerIds = childContainerIds;
	// A thread stopped part-way: the parts already out and where to continue. Media uploaded from
	// binary data: which keys, and whether they were deleted.
	for (const key of [...THREAD_ERROR_FIELDS, ...UPLOAD_REPORT_FIELDS]) {
		if (source.context?.[key] !== undefined) extra[key] = source.context[key];
	}
	const failure = (error as { threadsFailure?: { kind?: string } }).threadsFailure;
	if (failure?.kind) extra.errorKind = failure.kind;
	return extra;
}

/** The item n8n shows for a failed input item when the node is set to continue on fail. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const message = error instanceof Error ? error.message : String(error);
	return {
		json: { error: redactSecrets(message), ...details(error) },
		pairedItem: { item: itemIndex },
	};
}

/** Rethrows as an n8n error that names the failing item. */
export function rethrowWithItemIndex(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): never {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		throw error;
	}
	throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}
