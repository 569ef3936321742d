import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildCarousel } from '../../publishing/carousel';
import { postOptionsCollection } from '../../descriptions/postOptions';
import { readPostOptions, readWaitSettings } from '../../parameters/postOptions';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import { captionField } from '../../descriptions/postFields';
import type { PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertPublishable } from '../../posts/postRules';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Create Carousel',
	description:
		'Combine 2 to 20 image and video item containers into a carousel container, once they are processed',
	action: 'Create a carousel container',
};

const show = { resource: ['container'], operation: ['createCarousel'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Items From',
		name: 'childrenSource',
		type: 'options',
		options: [
			{
				name: 'All Input Items',
				value: 'inputItems',
				description: 'One carousel whose items are the containers of all input items, in order',
			},
			{
				name: 'Container IDs',
				value: 'ids',
				description: 'One carousel per input item, from a list of item container IDs',
			},
		],
		default: 'inputItems',
		description: 'Where the carousel item containers come from',
		displayOptions: { show },
	},
	{
		displayName:
			'All input items make one carousel container: each item gives one item container, and the text and options are read from the first item',
		name: 'carouselFromItemsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, childrenSource: ['inputItems'] } },
	},
	{
		displayName: 'Item Container ID',
		name: 'childId',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			'Read from each input item: the carousel item container it carries (by default the ID Create Container outputs)',
		displayOptions: { show: { ...show, childrenSource: ['inputItems'] } },
	},
	{
		displayName: 'Item Container IDs',
		name: 'children',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 17890000000000001, 17890000000000002',
		description: '2 to 20 carousel item container IDs, comma-separated, in display order',
		displayOptions: { show: { ...show, childrenSource: ['ids'] } },
	},
	captionField(show),
	postOptionsCollection({
		show,
		mediaTypes: ['CAROUSEL'],
		waitOptions: ['maxWait', 'concurrency'],
	}),
];

function idList(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(',');
	return entries.map((entry) => String(entry).trim()).filter(Boolean);
}

function readSpec(context: IExecuteFunctions, itemIndex: number, children: string[]): PostSpec {
	return {
		mediaType: 'CAROUSEL',
		text: context.getNodeParameter('text', itemIndex, '') as string,
		children,
		options: readPostOptions(context, itemIndex),
	};
}

async function create(
	this: IExecuteFunctions,
	spec: PostSpec,
	wait: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const carousel = await buildCarousel.call(this, spec, itemIndex, wait);
	return {
		id: carousel.containerId,
		mediaType: 'CAROUSEL',
		childContainerIds: carousel.childContainerIds,
	};
}

interface PreparedCarousel {
	spec: PostSpec;
	wait: WaitSettings;
	/** Reply To and Quote Post given as post URLs (version 2 locators), resolved when the item runs. */
	urls: PostUrls;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedCarousel {
	const wait = readWaitSettings(this, itemIndex);
	const children = idList(this.getNodeParameter('children', itemIndex, ''));
	const { spec, urls } = deferPostUrls(this, itemIndex, readSpec(this, itemIndex, children));
	assertPublishable(this, spec, wait, itemIndex);
	return { spec, wait, urls };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ spec, wait, urls }: PreparedCarousel,
): Promise<IDataObject> {
	return await create.call(
		this,
		await resolvePostUrls.call(this, spec, urls, itemIndex),
		wait,
		itemIndex,
	);
}

/** One carousel container from every input item's container. */
export function combinesItems(this: IExecuteFunctions): boolean {
	return this.getNodeParameter('childrenSource', 0) === 'inputItems';
}

export async function executeCombined(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<IDataObject> {
	const children = items.flatMap((_, index) => {
		const ids = idList(this.getNodeParameter('childId', index, ''));
		if (ids.length === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Item Container ID is empty for input item ${index + 1}: every input item must carry a carousel item container`,
				{
					itemIndex: index,
					description: 'Nothing was sent to Threads. Did Create Container fail for that item?',
				},
			);
		}
		return ids;
	});
	const wait = readWaitSettings(this, 0);
	const { spec, urls } = deferPostUrls(this, 0, readSpec(this, 0, children));
	assertPublishable(this, spec, wait, 0);
	return await create.call(this, await resolvePostUrls.call(this, spec, urls, 0), wait, 0);
}
