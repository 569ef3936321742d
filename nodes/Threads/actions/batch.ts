import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { type Attempt, attempt } from '../shared/attempt';
import { errorItem, rethrowWithItemIndex } from './itemErrors';
import { type QuotaKind, planQuota } from '../publishing/quota';

export interface PreparedItem<S> {
	spec: S;
	/** The quota the item will use when published; none for items that publish nothing. */
	quota?: QuotaKind;
}

export interface BatchSteps<S> {
	/** Reads and checks one item's parameters; throws for bad input (no request is made). */
	prepare: (itemIndex: number) => PreparedItem<S> | Promise<PreparedItem<S>>;
	run: (spec: S, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/** Read the publishing quota once and refuse the items beyond it before creating anything. */
	checkQuota: boolean;
}

function failedItem(error: unknown, itemIndex: number): INodeExecutionData {
	const item = errorItem(error, itemIndex);
	const children = (error as { context?: IDataObject }).context?.childContainerIds;
	if (Array.isArray(children)) item.json.childContainerIds = children;
	return item;
}

/**
 * Per-item processing for operations that need all items at once: every item's input is checked
 * before the first request, the quota is checked once for the batch, then items run in order.
 * With continue-on-fail each failure becomes that item's error item and the rest go on; without it
 * the first failure stops the node (input and quota failures before anything is sent).
 */
export async function runBatch<S>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	steps: BatchSteps<S>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const prepared: Array<Attempt<PreparedItem<S>>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = await attempt(async () => await steps.prepare(itemIndex));
		if (!outcome.ok && !continueOnFail) rethrowWithItemIndex(context, outcome.error, itemIndex);
		prepared.push(outcome);
	}

	const refused = steps.checkQuota
		? await planQuota.call(
				context,
				prepared.map((outcome) => (outcome.ok ? outcome.value.quota : undefined)),
			)
		: new Map<number, string>();
	const quotaError = (itemIndex: number) =>
		new NodeOperationError(
			context.getNode(),
			refused.get(itemIndex) ?? 'Publishing quota reached',
			{
				itemIndex,
				description:
					'Checked before creating any container. Use User > Get Publishing Limit to see when there is room again, or run the rest later.',
			},
		);
	if (refused.size > 0 && !continueOnFail) throw quotaError([...refused.keys()][0]);

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const ready = prepared[itemIndex];
		if (!ready.ok) {
			returnData.push(failedItem(ready.error, itemIndex));
			continue;
		}
		if (refused.has(itemIndex)) {
			returnData.push(failedItem(quotaError(itemIndex), itemIndex));
			continue;
		}
		const outcome = await attempt(async () => await steps.run(ready.value.spec, itemIndex));
		if (outcome.ok) {
			returnData.push(
				...context.helpers.constructExecutionMetaData(
					context.helpers.returnJsonArray(outcome.value),
					{
						itemData: { item: itemIndex },
					},
				),
			);
		} else if (continueOnFail) {
			returnData.push(failedItem(outcome.error, itemIndex));
		} else {
			rethrowWithItemIndex(context, outcome.error, itemIndex);
		}
	}
	return returnData;
}

/**
 * For operations that turn all input items into one result (a carousel from items): one output
 * item paired with every input item, or one error item so paired when continue-on-fail is on.
 */
export async function runAsOne(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: () => Promise<IDataObject>,
): Promise<INodeExecutionData[]> {
	const pairedItem = items.map((_, item) => ({ item }));
	const outcome = await attempt(run);
	if (outcome.ok) return [{ json: outcome.value, pairedItem }];
	if (!this.continueOnFail()) rethrowWithItemIndex(this, outcome.error, 0);
	return [{ ...failedItem(outcome.error, 0), pairedItem }];
}
