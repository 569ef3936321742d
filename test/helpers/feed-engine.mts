/**
 * Stand-ins for the n8n core nodes of the feed examples (Schedule Trigger, RSS Read, Filter, Remove
 * Duplicates), for the engine tests: each does what the real node does with the parameters the
 * examples set, no more. The real nodes run the same examples in test/e2e/rss-to-threads.test.mts.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

function describe(name: string, extra: Partial<INodeTypeDescription>): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
		...extra,
	} as INodeTypeDescription;
}

const scheduleTrigger = {
	description: describe('scheduleTrigger', {
		group: ['trigger', 'schedule'],
		version: [1, 1.1, 1.2],
		inputs: [],
		properties: [{ displayName: 'Rule', name: 'rule', type: 'json', default: {} }],
	}),
	async trigger() {
		return {};
	},
	async execute() {
		return [[{ json: { timestamp: new Date().toISOString() } }]];
	},
} as unknown as INodeType;

/** RSS Read: the items of the feed at its URL, as rss-parser gives them (see feeds). */
function rssFeedRead(feeds: Map<string, IDataObject[]>): INodeType {
	return {
		description: describe('rssFeedRead', {
			version: [1, 1.1, 1.2],
			properties: [
				{ displayName: 'URL', name: 'url', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		}),
		async execute(this: IExecuteFunctions) {
			const url = this.getNodeParameter('url', 0) as string;
			const items = feeds.get(url);
			if (!items) throw new Error(`RSS Read stand-in: no feed served at ${url}`);
			return [items.map((json) => ({ json: structuredClone(json), pairedItem: { item: 0 } }))];
		},
	} as unknown as INodeType;
}

type Condition = { leftValue: unknown; rightValue: unknown; operator: { operation: string } };

const STRING_OPERATIONS: Record<string, (left: string, right: string) => boolean> = {
	startsWith: (left, right) => left.startsWith(right),
	contains: (left, right) => left.includes(right),
	equals: (left, right) => left === right,
	notEmpty: (left) => left !== '',
};

/** Filter (version 2): the items meeting every condition (the string operations the examples use). */
const filter = {
	description: describe('filter', {
		version: [2, 2.1, 2.2],
		outputs: ['main'],
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	}),
	async execute(this: IExecuteFunctions) {
		const kept: INodeExecutionData[] = [];
		this.getInputData().forEach((item, index) => {
			const { conditions, combinator } = this.getNodeParameter('conditions', index) as {
				conditions: Condition[];
				combinator: string;
			};
			const results = conditions.map(({ leftValue, rightValue, operator }) => {
				const test = STRING_OPERATIONS[operator.operation];
				if (!test) throw new Error(`Filter stand-in: no ${operator.operation}`);
				return test(String(leftValue ?? ''), String(rightValue ?? ''));
			});
			const passes = combinator === 'or' ? results.some(Boolean) : results.every(Boolean);
			if (passes) kept.push({ ...item, pairedItem: { item: index } });
		});
		return [kept];
	},
} as unknown as INodeType;

/**
 * Remove Duplicates (version 2), Remove Items Processed in Previous Executions on a value: an
 * item passes when its value was never seen by this node before, in any run; its value is then
 * remembered (whatever happens to the item after). Kept items on output 0, discarded on 1.
 */
function removeDuplicates(history: Map<string, Set<string>>): INodeType {
	return {
		description: describe('removeDuplicates', {
			version: [2],
			outputs: ['main', 'main'],
			properties: [
				{ displayName: 'Operation', name: 'operation', type: 'string', default: '' },
				{ displayName: 'Value', name: 'dedupeValue', type: 'string', default: '' },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		}),
		async execute(this: IExecuteFunctions) {
			const operation = this.getNodeParameter('operation', 0);
			if (operation !== 'removeItemsSeenInPreviousExecutions') {
				throw new Error(`Remove Duplicates stand-in: no ${String(operation)}`);
			}
			const seen = history.get(this.getNode().name) ?? new Set<string>();
			history.set(this.getNode().name, seen);
			const kept: INodeExecutionData[] = [];
			const discarded: INodeExecutionData[] = [];
			this.getInputData().forEach((item, index) => {
				const value = String(this.getNodeParameter('dedupeValue', index) ?? '');
				const out = { ...item, pairedItem: { item: index } };
				if (seen.has(value)) discarded.push(out);
				else {
					seen.add(value);
					kept.push(out);
				}
			});
			return [kept, discarded];
		},
	} as unknown as INodeType;
}

export interface FeedStandIns {
	/** The stand-ins by type name, for runWorkflow's nodeTypes. */
	nodeTypes: Record<string, INodeType>;
	/** Feeds RSS Read serves, by URL. */
	feeds: Map<string, IDataObject[]>;
	/** What each Remove Duplicates node has seen, by node name (kept across runs, like n8n's database). */
	history: Map<string, Set<string>>;
}

export function feedStandIns(): FeedStandIns {
	const feeds = new Map<string, IDataObject[]>();
	const history = new Map<string, Set<string>>();
	return {
		feeds,
		history,
		nodeTypes: {
			'n8n-nodes-base.scheduleTrigger': scheduleTrigger,
			'n8n-nodes-base.rssFeedRead': rssFeedRead(feeds),
			'n8n-nodes-base.filter': filter,
			'n8n-nodes-base.removeDuplicates': removeDuplicates(history),
		},
	};
}
