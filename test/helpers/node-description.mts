/** The built Threads node's descriptions: one per version (a VersionedNodeType), or all versions' parameters at once. */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { INodeProperties, INodeType, INodeTypeBaseDescription, INodeTypeDescription } from 'n8n-workflow';

import { repoRoot } from './n8n-engine.mts';

const require = createRequire(import.meta.url);
const { Threads } = require(path.join(repoRoot, 'dist/nodes/Threads/Threads.node.js')) as {
	Threads: new () => { description: INodeTypeBaseDescription; nodeVersions: Record<number, INodeType> };
};

export const threadsNode = new Threads();

/** What the editor gets for one version of the node. */
export function threadsDescription(version: number): INodeTypeDescription {
	const node = threadsNode.nodeVersions[version];
	if (!node) throw new Error(`the Threads node has no version ${version}`);
	return node.description;
}

/** Every version's parameters, each parameter once (those every version shares are identical). */
export function allVersionsProperties(): INodeProperties[] {
	const seen = new Set<string>();
	return Object.values(threadsNode.nodeVersions)
		.flatMap((node) => node.description.properties)
		.filter((property) => {
			const key = JSON.stringify(property);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}
