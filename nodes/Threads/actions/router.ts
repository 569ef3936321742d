import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { errorItem, rethrowWithItemIndex } from './itemErrors';
import { resources } from './resources';
import type { Operation } from './types';

function findOperation(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const found = resources[resource as keyof typeof resources]?.operations[operation];
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return found;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = findOperation.call(this, resource, operation);

	if ('executeBatch' in handler) {
		return [await handler.executeBatch.call(this, items)];
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler.execute.call(this, itemIndex);
			const executionData = this.helpers.constructExecutionMetaData(
				this.helpers.returnJsonArray(result as IDataObject | IDataObject[]),
				{ itemData: { item: itemIndex } },
			);
			returnData.push(...executionData);
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push(errorItem(error, itemIndex));
				continue;
			}
			rethrowWithItemIndex(this, error, itemIndex);
		}
	}
	return [returnData];
}
