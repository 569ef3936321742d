import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { layoutProperties } from './actions/layout';
import { layouts } from './actions/resources';
import { router } from './actions/router';
import { listSearch } from './methods/listSearch';

export class Threads implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads',
		name: 'threads',
		icon: { light: 'file:threads.svg', dark: 'file:threads.dark.svg' },
		group: ['output'],
		// Version 2 turns Quote Post ID, Reply To ID and Location ID into resource locators, puts Fields
		// inside Options and names resources as Threads does; version 1 keeps its parameters and
		// resources, so workflows saved with it load and run as before.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Publish posts, carousels and replies to Meta Threads, and read threads, replies, insights and search results',
		defaults: { name: 'Threads' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'threadsOAuth2Api', required: true }],
		properties: layoutProperties(layouts),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
