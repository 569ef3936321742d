import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateText } from '../../helpers/textLimits';
import { publishContainer } from '../../helpers/publishing';
import { threadsApiRequest } from '../../transport';

const show = { resource: ['post'], operation: ['publish'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'The post text: at most 500 characters (emoji count by their UTF-8 length) and 5 links',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const text = validateText(
		this,
		this.getNodeParameter('text', itemIndex) as string,
		'Text',
		itemIndex,
	);
	const container = await threadsApiRequest.call(this, {
		method: 'POST',
		path: '/me/threads',
		body: { media_type: 'TEXT', text },
		retrySafe: true,
		scope: 'threads_content_publish',
		action: 'create the post container',
		itemIndex,
	});
	const containerId = String(container.id);
	const published = await publishContainer.call(this, containerId, itemIndex);
	return { ...published, containerId };
}
