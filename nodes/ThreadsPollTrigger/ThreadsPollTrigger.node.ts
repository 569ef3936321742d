import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchPosts } from '../Threads/methods/searchPosts';
import { properties } from './description/properties';
import { pollThreads } from './poll/pollThreads';

export class ThreadsPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Poll Trigger',
		name: 'threadsPollTrigger',
		icon: { light: 'file:threads.svg', dark: 'file:threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow on new Threads posts, replies, mentions, pending replies or search results, checked on a schedule (no webhook or app review needed)',
		defaults: { name: 'Threads Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'threadsOAuth2Api', required: true }],
		properties,
	};

	methods = { listSearch: { searchPosts } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollThreads.call(this);
	}
}
