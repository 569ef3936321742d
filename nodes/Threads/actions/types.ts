import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/** An operation run once per input item; the router adds pairedItem and continueOnFail handling. */
export interface ItemOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/**
 * An operation that needs all input items at once (a carousel built from items, a quota check
 * before a batch). It returns items with pairedItem set and handles continueOnFail itself.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = ItemOperation | BatchOperation;

export interface Resource {
	description: INodeProperties[];
	operations: Record<string, Operation>;
}
