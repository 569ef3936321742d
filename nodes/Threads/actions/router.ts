import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Attempt, attempt } from '../shared/attempt';
import { errorItem, rethrowWithItemIndex } from './itemErrors';
import { findInLayout } from './layout';
import { layouts } from './resources';
import type { Admission, Operation } from './types';

function findOperation(this: IExecuteFunctions, resource: string, operation: string): Operation {
	const found = findInLayout(layouts, this.getNode().typeVersion, resource, operation);
	if (!found) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return found;
}

/** All input items into one result, paired with every one of them (or one error item so paired). */
async function runCombined(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	run: () => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const pairedItem = items.map((_, item) => ({ item }));
	const outcome = await attempt(run);
	if (outcome.ok) return [{ json: outcome.value, pairedItem }];
	if (!context.continueOnFail()) rethrowWithItemIndex(context, outcome.error, 0);
	return [{ ...errorItem(outcome.error, 0), pairedItem }];
}

/**
 * Item by item: every item is prepared (its input checked) before the first request, the operation
 * may refuse or defer some items before any run (a deferred item is output as it says, unsent),
 * then items run in order. With continue-on-fail each
 * failure becomes that item's error item and the rest go on; without it the first failure stops
 * the node (input and refusals before anything is sent).
 */
async function runPerItem(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: Operation,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const prepared: Array<Attempt<unknown>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = operation.prepare
			? await attempt(async () => await operation.prepare!.call(context, itemIndex))
			: { ok: true as const, value: undefined };
		if (!outcome.ok && !continueOnFail) rethrowWithItemIndex(context, outcome.error, itemIndex);
		prepared.push(outcome);
	}
	const admissions = operation.admit
		? await operation.admit.call(
				context,
				prepared.map((outcome) => (outcome.ok ? outcome.value : undefined)),
			)
		: new Map<number, Admission>();
	const firstRefused = [...admissions].find(([, admission]) => admission instanceof Error);
	if (firstRefused && !continueOnFail)
		rethrowWithItemIndex(context, firstRefused[1], firstRefused[0]);

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const ready = prepared[itemIndex];
		const admission = admissions.get(itemIndex);
		const outcome: Attempt<IDataObject | IDataObject[]> = !ready.ok
			? ready
			: admission instanceof Error
				? { ok: false, error: admission }
				: admission
					? { ok: true, value: admission.deferred }
					: await attempt(
							async () => await operation.execute.call(context, itemIndex, ready.value),
						);
		if (outcome.ok) {
			returnData.push(
				...context.helpers.constructExecutionMetaData(
					context.helpers.returnJsonArray(outcome.value),
					{ itemData: { item: itemIndex } },
				),
			);
		} else if (continueOnFail) {
			returnData.push(errorItem(outcome.error, itemIndex));
		} else {
			rethrowWithItemIndex(context, outcome.error, itemIndex);
		}
	}
	return returnData;
}

/** Runs the chosen operation over the input items: the one path every operation goes through. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = findOperation.call(
		this,
		resource,
		this.getNodeParameter('operation', 0) as string,
	);
	if (operation.executeCombined && operation.combinesItems?.call(this)) {
		const combine = operation.executeCombined;
		return [await runCombined(this, items, async () => await combine.call(this, items))];
	}
	return [await runPerItem(this, items, operation)];
}
