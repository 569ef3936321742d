import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	DEFAULT_LOCATION_FIELDS,
	LOCATION_FIELD_NAMES,
	LOCATION_FIELD_OPTIONS,
	fieldsQuery,
} from '../../reading/fields';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';
import { fieldsChoice } from '../../descriptions/fieldsChoice';
import { readFieldsChoice } from '../../parameters/fieldsChoice';

export const option: OperationOption = {
	name: 'Search',
	description: 'Find places to tag posts with, by name or near coordinates',
	action: 'Search locations',
};

export const requiredScopes = ['threads_location_tagging'];

const show = { resource: ['location'], operation: ['searchLocations'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		options: [
			{
				name: 'Coordinates',
				value: 'coordinates',
				description: 'Places near a latitude and longitude',
			},
			{ name: 'Name', value: 'name', description: 'Places whose name or address matches a text' },
		],
		default: 'name',
		description: 'How to find places (500 location searches per 24 hours)',
		displayOptions: { show },
	},
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Eiffel Tower',
		description: 'Name or address of the place',
		displayOptions: { show: { ...show, searchBy: ['name'] } },
	},
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
		default: 0,
		required: true,
		description: 'Latitude in degrees, -90 to 90',
		displayOptions: { show: { ...show, searchBy: ['coordinates'] } },
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
		default: 0,
		required: true,
		description: 'Longitude in degrees, -180 to 180',
		displayOptions: { show: { ...show, searchBy: ['coordinates'] } },
	},
	...fieldsChoice({
		displayName: 'Fields',
		name: 'fields',
		type: 'multiOptions',
		options: LOCATION_FIELD_OPTIONS,
		default: [...DEFAULT_LOCATION_FIELDS],
		description: 'Which fields of each place to return. The ID is always included.',
		displayOptions: { show },
	}),
];

function coordinate(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	bound: number,
	itemIndex: number,
): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > bound) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} must be a number from -${bound} to ${bound}, got "${String(value)}"`,
			{ itemIndex },
		);
	}
	return n;
}

/** Places to tag posts with, by name or near coordinates; one item per place. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const searchBy = this.getNodeParameter('searchBy', itemIndex, 'name') as string;
	const fields = fieldsQuery(
		this,
		readFieldsChoice(this, itemIndex, DEFAULT_LOCATION_FIELDS),
		LOCATION_FIELD_NAMES,
		DEFAULT_LOCATION_FIELDS,
		itemIndex,
	);
	const qs: IDataObject = { fields };
	if (searchBy === 'coordinates') {
		qs.latitude = coordinate(
			this,
			this.getNodeParameter('latitude', itemIndex),
			'Latitude',
			90,
			itemIndex,
		);
		qs.longitude = coordinate(
			this,
			this.getNodeParameter('longitude', itemIndex),
			'Longitude',
			180,
			itemIndex,
		);
	} else if (searchBy === 'name') {
		const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
		if (query === '') {
			throw new NodeOperationError(
				this.getNode(),
				'Query is required: the name or address of the place',
				{
					itemIndex,
				},
			);
		}
		// Meta's pages disagree on the name (`q` in the guide, `query` in the reference): send both.
		qs.q = query;
		qs.query = query;
	} else {
		throw new NodeOperationError(
			this.getNode(),
			`Search By must be "name" or "coordinates", got "${searchBy}"`,
			{
				itemIndex,
			},
		);
	}
	const response = await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/location_search',
		qs,
		scope: requiredScopes[0],
		action: 'search locations',
		itemIndex,
	});
	return (Array.isArray(response.data) ? response.data : []) as IDataObject[];
}
