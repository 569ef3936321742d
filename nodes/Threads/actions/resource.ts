import type { ResourceDefinition } from './types';

/** A resource of the node: its key, label and registry of operations (operation key -> module). */
export function defineResource(definition: ResourceDefinition): ResourceDefinition {
	if (!(definition.defaultOperation in definition.operations)) {
		throw new Error(`${definition.key}: default operation ${definition.defaultOperation} is not in it`);
	}
	return definition;
}
