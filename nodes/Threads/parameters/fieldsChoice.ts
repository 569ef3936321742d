import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The Fields the user chose (see descriptions/fieldsChoice): undefined means the defaults. */
export function readFieldsChoice(
	context: IExecuteFunctions,
	itemIndex: number,
	defaults: readonly string[],
): unknown {
	if (context.getNode().typeVersion >= 2) {
		return (context.getNodeParameter('options', itemIndex, {}) as IDataObject).fields;
	}
	return context.getNodeParameter('fields', itemIndex, [...defaults]);
}
