import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeBaseDescription,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { layoutProperties, shownInVersion } from './actions/layout';
import { layouts } from './actions/resources';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';

/**
 * One version of the Threads node: the same operations and router for every version, each
 * version with only the parameters it shows (so the node creator lists one layout's actions).
 */
export class ThreadsVersion implements INodeType {
	description: INodeTypeDescription;

	methods = { listSearch };

	constructor(baseDescription: INodeTypeBaseDescription, version: number) {
		this.description = {
			...baseDescription,
			version,
			subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
			defaults: { name: 'Threads' },
			usableAsTool: true,
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [
				{ name: 'threadsOAuth2Api', required: true },
				// Where media from binary data go for Threads to fetch them (Media Source: Binary Field).
				{
					name: 'threadsS3Storage',
					required: false,
					displayOptions: { show: { mediaSource: ['binaryField'] } },
				},
			],
			properties: layoutProperties(layouts).filter((property) =>
				shownInVersion(property, version),
			),
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
