import { defineResource } from '../resource';
import * as create from './create.operation';
import * as createCarousel from './createCarousel.operation';
import * as getStatus from './getStatus.operation';
import * as publish from './publish.operation';

/** Adding an operation: its `*.operation.ts` file and one entry here. */
export const container = defineResource({
	key: 'container',
	label: 'Media Container',
	description: 'Media containers: create, check processing, publish',
	defaultOperation: 'create',
	operations: {
		create,
		createCarousel,
		getStatus,
		publish,
	},
});
