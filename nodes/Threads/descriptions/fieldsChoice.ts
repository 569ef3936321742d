import type { INodeProperties } from 'n8n-workflow';

/**
 * Which fields to return, in the same place in every operation: from node version 2 inside the
 * Options collection, as the lists have it; in version 1 at the top level, where workflows saved
 * with it keep it. `field` is the multiOptions `fields` parameter with its display conditions.
 */
export function fieldsChoice(field: INodeProperties): INodeProperties[] {
	const show = field.displayOptions?.show ?? {};
	const option: INodeProperties = { ...field };
	delete option.displayOptions;
	return [
		{ ...field, displayOptions: { show: { ...show, '@version': [1] } } },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 2 } }] } },
			options: [option],
		},
	];
}
