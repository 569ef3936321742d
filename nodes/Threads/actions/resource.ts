import type { INodeProperties } from 'n8n-workflow';

import type { Resource, ResourceDefinition } from './types';

function shownOnlyFor(
	property: INodeProperties,
	resource: string,
	operation: string,
): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...show, resource: [resource], operation: [operation] },
		},
	};
}

/**
 * A resource from its registry of operations: the Operation list (sorted by name, as n8n's own
 * nodes do) and every operation's fields, each shown only for its operation.
 */
export function defineResource(definition: ResourceDefinition): Resource {
	const entries = Object.entries(definition.operations);
	const { defaultOperation } = definition;
	const selector: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultOperation,
		displayOptions: { show: { resource: [definition.key] } },
		options: entries
			.map(([value, operation]) => ({ ...operation.option, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
	return {
		...definition,
		properties: [
			selector,
			...entries.flatMap(([value, operation]) =>
				operation.description.map((property) => shownOnlyFor(property, definition.key, value)),
			),
		],
	};
}
