import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { Operation, ResourceDefinition } from './types';

/** The resources one range of node versions shows. */
export interface Layout {
	/** The `@version` condition of this layout, as in displayOptions. */
	versions: NonNullable<IDisplayOptions['show']>['@version'];
	resources: ResourceDefinition[];
}

function resourceSelector(layout: Layout): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': layout.versions } },
		options: layout.resources
			.map(({ label, key, description }) => ({ name: label, value: key, description }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'post',
	};
}

/** The Operation list of one resource, sorted by name as n8n's own nodes do. */
function operationSelector(layout: Layout, resource: ResourceDefinition): INodeProperties {
	const { defaultOperation } = resource;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: defaultOperation,
		displayOptions: { show: { '@version': layout.versions, resource: [resource.key] } },
		options: Object.entries(resource.operations)
			.map(([value, operation]) => ({ ...operation.option, value }))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}

/**
 * Every operation's fields once, shown for each resource that holds it in any layout: an operation
 * that moved between versions (same key, same module) keeps one set of fields and its values.
 */
function operationFields(layouts: Layout[]): INodeProperties[] {
	// Keyed by the module's fields: the same operation in two layouts shares them.
	const hosts = new Map<INodeProperties[], { key: string; resources: string[] }>();
	for (const { resources } of layouts) {
		for (const resource of resources) {
			for (const [key, operation] of Object.entries(resource.operations)) {
				const host = hosts.get(operation.description) ?? { key, resources: [] };
				if (host.key !== key) throw new Error(`${resource.key}.${key} was ${host.key} elsewhere`);
				if (!host.resources.includes(resource.key)) host.resources.push(resource.key);
				hosts.set(operation.description, host);
			}
		}
	}
	return [...hosts.entries()].flatMap(([description, { key, resources }]) =>
		description.map((property) => ({
			...property,
			displayOptions: {
				...property.displayOptions,
				show: { ...property.displayOptions?.show, resource: resources, operation: [key] },
			},
		})),
	);
}

/** The node's properties: per layout a Resource and Operation lists, then every operation's fields. */
export function layoutProperties(layouts: Layout[]): INodeProperties[] {
	return [
		...layouts.flatMap((layout) => [
			resourceSelector(layout),
			...layout.resources.map((resource) => operationSelector(layout, resource)),
		]),
		...operationFields(layouts),
	];
}

/** Whether a property's `@version` condition (if any) shows it in this node version. */
export function shownInVersion(property: INodeProperties, version: number): boolean {
	const versions = property.displayOptions?.show?.['@version'];
	return versions === undefined || shows(versions, version);
}

/** The operation a run asks for, in the layout of the node's version. */
export function findInLayout(
	layouts: Layout[],
	version: number,
	resource: string,
	operation: string,
): Operation | undefined {
	const layout = layouts.find((candidate) => shows(candidate.versions, version));
	return layout?.resources.find((r) => r.key === resource)?.operations[operation];
}

function shows(versions: Layout['versions'], version: number): boolean {
	return (versions ?? []).some((condition) =>
		typeof condition === 'number'
			? condition === version
			: typeof condition === 'object' &&
				condition !== null &&
				'_cnd' in condition &&
				'gte' in condition._cnd &&
				version >= Number(condition._cnd.gte),
	);
}
