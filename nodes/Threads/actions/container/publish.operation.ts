import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readWaitSettings } from '../../parameters/postOptions';
import { assertNoProblems, waitProblems } from '../../posts/postRules';
import { publishContainer } from '../../publishing/publishContainer';
import { requireNumericId } from '../../shared/ids';
import type { OperationOption } from '../types';
import { WAIT_FIELDS } from '../../descriptions/waitFields';

export const option: OperationOption = {
	name: 'Publish',
	description: 'Publish a container once it is ready, exactly once',
	action: 'Publish a container',
};

const show = { resource: ['container'], operation: ['publish'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Container ID',
		name: 'containerId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			"The container to publish. Defaults to the incoming item's ID, as output by Create Container, Create Carousel Container or Get Container Status.",
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			WAIT_FIELDS.includePermalink,
			WAIT_FIELDS.maxWait,
			{
				displayName: 'Wait Until Ready',
				name: 'waitUntilReady',
				type: 'boolean',
				default: true,
				description:
					'Whether to check the container status and wait for processing before publishing. Off: publish at once (an early publish still waits and retries).',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const containerId = requireNumericId(
		this,
		this.getNodeParameter('containerId', itemIndex),
		'Container ID',
		itemIndex,
	);
	const wait = readWaitSettings(this, itemIndex);
	assertNoProblems(this, waitProblems(wait), itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await publishContainer.call(this, containerId, itemIndex, {
		wait: options.waitUntilReady !== false,
		kind: 'UNKNOWN',
		maxWaitMs: wait.maxWaitMs,
		includePermalink: wait.includePermalink,
	});
}
