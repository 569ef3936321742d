import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** The operation's entry in its resource's Operation list; the value is its key in the registry. */
export interface OperationOption {
	name: string;
	description: string;
	action: string;
}

/**
 * An item `admit` holds back: refused (an Error, the item's error) or deferred (not attempted, and
 * returned as this normal output item, paired with its input item: a post the quota cannot hold,
 * or one found already published).
 */
export type Admission = Error | { deferred: IDataObject };

/**
 * One operation: a `*.operation.ts` module. The router runs it item by item with the same
 * continue-on-fail, pairedItem and error handling for every operation.
 */
export interface Operation<Prepared = unknown> {
	option: OperationOption;
	/** Its fields; the resource shows them only for this operation. */
	description: INodeProperties[];
	/** The permissions it needs, named when a token lacks them. */
	requiredScopes?: string[];
	/**
	 * A first pass over every input item before any request: reads and checks the item's input
	 * (the error names the field) and returns what `execute` needs.
	 */
	prepare?(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	/**
	 * After every item is prepared and before any runs: the items to refuse or defer (for example
	 * beyond the publishing quota), by index. Failed items are undefined.
	 */
	admit?(
		this: IExecuteFunctions,
		prepared: Array<Prepared | undefined>,
	): Promise<Map<number, Admission>>;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		prepared: Prepared,
	): Promise<IDataObject | IDataObject[]>;
	/** Whether this run turns all input items into one result (a carousel from items). */
	combinesItems?(this: IExecuteFunctions): boolean;
	/** Runs instead of `execute` when `combinesItems` is true; its result is paired with every item. */
	executeCombined?(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<IDataObject>;
}

export interface ResourceDefinition {
	/** The Resource parameter's value. */
	key: string;
	/** As the Resource list shows it. */
	label: string;
	description: string;
	defaultOperation: string;
	operations: Record<string, Operation>;
}

