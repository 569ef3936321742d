// Discovery > Search Locations (by name, by coordinates) and Get Location.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { type ReadingRig, startReadingRig } from '../helpers/reading-rig.mts';

let rig: ReadingRig;
before(async () => {
	rig = await startReadingRig();
});
after(async () => await rig.close());

test('by name: one item per place, every field by default', async () => {
	const { output, error, requests } = await rig.run({ resource: 'discovery', operation: 'searchLocations', query: 'Eiffel' });
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [
		{
			id: '107000000000002',
			name: 'Eiffel Tower',
			address: 'Champ de Mars, 5 Av. Anatole France',
			city: 'Paris',
			country: 'FR',
			latitude: 48.8584,
			longitude: 2.2945,
			postal_code: '75007',
		},
	]);
	assert.equal(requests[0].path, '/v1.0/location_search');
	assert.equal(requests[0].query.q, 'Eiffel');
	assert.equal(requests[0].query.query, 'Eiffel');
});

test('by coordinates: the nearest places', async () => {
	const { output, error, requests } = await rig.run({
		resource: 'discovery',
		operation: 'searchLocations',
		searchBy: 'coordinates',
		latitude: 52.52,
		longitude: 13.4,
		fields: ['name'],
	});
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ id: '107000000000003', name: 'Brandenburg Gate' }]);
	assert.equal(requests[0].query.latitude, '52.52');
	assert.equal(requests[0].query.q, undefined);
});

test('Get Location by ID', async () => {
	const { output, error, requests } = await rig.run({
		resource: 'discovery',
		operation: 'getLocation',
		locationId: '107000000000001',
		fields: ['city', 'name'],
	});
	assert.equal(error, undefined, error?.message);
	assert.deepEqual(output, [{ id: '107000000000001', city: 'Menlo Park', name: 'Menlo Park' }]);
	assert.equal(requests[0].path, '/v1.0/107000000000001');
	assert.equal(requests[0].query.fields, 'id,city,name');
});
