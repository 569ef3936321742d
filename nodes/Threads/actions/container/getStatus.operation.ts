import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getContainerStatus } from '../../publishing/containerStatus';
import { requireNumericId } from '../../shared/ids';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Status',
	description: 'Whether a container is still processing, ready, published, failed or expired',
	action: 'Get container status',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Container ID',
		name: 'containerId',
		type: 'string',
		default: '={{ $json.containerId ?? $json.id }}',
		required: true,
		description:
			"The container to check. Defaults to the incoming item's container ID (or its ID, as Create Container outputs it).",
		displayOptions: { show: { resource: ['container'], operation: ['getStatus'] } },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const containerId = requireNumericId(
		this,
		this.getNodeParameter('containerId', itemIndex),
		'Container ID',
		itemIndex,
	);
	return { ...(await getContainerStatus.call(this, containerId, itemIndex)) };
}
