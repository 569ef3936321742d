import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attempt } from '../shared/attempt';

/**
 * Errors that leave a container behind carry its id (and a carousel's item ids), so a workflow can
 * resume with Container > Get Status or Container > Publish instead of starting over.
 */
export interface ContainerContext {
	containerId?: string;
	childContainerIds?: string[];
}

export function containerError(
	node: INode,
	message: string,
	options: ContainerContext & { itemIndex: number; description?: string },
): NodeOperationError {
	const error = new NodeOperationError(node, message, {
		itemIndex: options.itemIndex,
		description: options.description,
	});
	return withContainerContext(error, options);
}

/** n8n shows message and description, not context: name the container there too, once. */
function mentionContainer(
	error: { message?: string; description?: string | null },
	context: ContainerContext,
): void {
	const id = context.containerId;
	if (!id || typeof error.message !== 'string') return;
	if (error.message.includes(id) || (error.description ?? '').includes(id)) return;
	const hint = `Container ID: ${id} (resume with Media Container > Get Status or Media Container > Publish).`;
	error.description = error.description ? `${error.description} ${hint}` : hint;
}

/** Adds container ids to any n8n error (the router and error items read `context.containerId`). */
export function withContainerContext<E>(error: E, context: ContainerContext): E {
	const target = error as { context?: IDataObject };
	if (typeof target !== 'object' || target === null) return error;
	target.context ??= {};
	if (context.containerId && target.context.containerId === undefined) {
		target.context.containerId = context.containerId;
	}
	if (context.childContainerIds?.length && target.context.childContainerIds === undefined) {
		target.context.childContainerIds = context.childContainerIds;
	}
	mentionContainer(target as { message?: string; description?: string | null }, context);
	return error;
}

/** Runs a step after containers exist; whatever it throws names them (see withContainerContext). */
export async function namingContainers<T>(
	context: ContainerContext,
	run: () => Promise<T>,
): Promise<T> {
	const outcome = await attempt(run);
	if (outcome.ok) return outcome.value;
	throw withContainerContext(outcome.error, context);
}
