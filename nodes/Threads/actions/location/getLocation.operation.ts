import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_LOCATION_FIELDS,
	LOCATION_FIELD_NAMES,
	LOCATION_FIELD_OPTIONS,
	fieldsQuery,
} from '../../reading/fields';
import { requireNumericId } from '../../shared/ids';
import { idField, locationLocator } from '../../descriptions/common';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';
import { fieldsChoice } from '../../descriptions/fieldsChoice';
import { readFieldsChoice } from '../../parameters/fieldsChoice';

export const option: OperationOption = {
	name: 'Get',
	description: 'Get a place by its location ID: name, address, city, country, coordinates',
	action: 'Get a location',
};

export const requiredScopes = ['threads_location_tagging'];

const show = { resource: ['location'], operation: ['getLocation'] };

export const description: INodeProperties[] = [
	// Version 1: a plain string; from version 2 a locator (search by name, or the ID). Both read alike.
	idField({
		displayName: 'Location ID',
		name: 'locationId',
		description: 'ID of the place, from Search Locations or the location_id field of a post',
		placeholder: 'e.g. 107000000000001',
		show: { ...show, '@version': [1] },
	}),
	locationLocator({
		displayName: 'Location',
		name: 'locationId',
		description: 'The place: search it by name, or give its ID (from Location > Search or a post)',
		show: { ...show, '@version': [{ _cnd: { gte: 2 } }] },
	}),
	...fieldsChoice({
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: LOCATION_FIELD_OPTIONS,
		default: [...DEFAULT_LOCATION_FIELDS],
		description: 'Which fields of the place to return. The ID is always included.',
		displayOptions: { show },
	}),
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const locationId = requireNumericId(
		this,
		this.getNodeParameter('locationId', itemIndex),
		'Location ID',
		itemIndex,
	);
	const fields = fieldsQuery(
		this,
		readFieldsChoice(this, itemIndex, DEFAULT_LOCATION_FIELDS),
		LOCATION_FIELD_NAMES,
		DEFAULT_LOCATION_FIELDS,
		itemIndex,
	);
	return await threadsApiRequest.call(this, {
		method: 'GET',
		path: `/${locationId}`,
		qs: { fields },
		scope: requiredScopes[0],
		action: `read location ${locationId}`,
		itemIndex,
	});
}
