import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { fieldsQuery } from '../reading/fields';
import type { ListConfig } from '../reading/listKinds';
import type { ListRequest } from '../reading/postList';
import { timeRange } from './timeRange';

/** Reads and validates the list parameters of the item; returns the query and paging choices. */
export function readListParameters(
	context: IExecuteFunctions,
	itemIndex: number,
	config: ListConfig,
): ListRequest {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? 0 : Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw new NodeOperationError(
			context.getNode(),
			`Limit must be a whole number of at least 1, got ${String(limit)}`,
			{ itemIndex },
		);
	}
	const simple = context.getNodeParameter('simple', itemIndex, true) as boolean;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		fields: fieldsQuery(
			context,
			options.fields,
			config.fieldNames,
			config.defaultFields,
			itemIndex,
		),
	};
	if (config.timeRange) {
		const { since, until } = timeRange(context, options.since, options.until, itemIndex);
		if (since !== undefined) qs.since = since;
		if (until !== undefined) qs.until = until;
	}
	if (config.order) {
		const order = (options.order as string | undefined) ?? 'newest';
		if (order !== 'newest' && order !== 'oldest') {
			throw new NodeOperationError(
				context.getNode(),
				`Order must be "newest" or "oldest", got "${order}"`,
				{ itemIndex },
			);
		}
		qs.reverse = order === 'newest';
	}
	const after = String(options.after ?? '').trim();
	const before = String(options.before ?? '').trim();
	if (after && before) {
		throw new NodeOperationError(
			context.getNode(),
			'After Cursor and Before Cursor cannot both be set: page forwards or backwards, not both',
			{ itemIndex },
		);
	}
	if (after) qs.after = after;
	return { qs, returnAll, limit, simple, before: before || undefined };
}
