import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { autoPublishText } from '../../publishing/autoPublish';
import { runBatch } from '../batch';
import { containerParameters } from '../../posts/containerParameters';
import { createContainer } from '../../publishing/createContainer';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { readPostSpec } from '../../parameters/postSpec';
import { checksQuotaFirst } from '../../parameters/postOptions';
import { postOptionsCollection } from '../../descriptions/postOptions';
import type { PostSpec } from '../../posts/postSpec';
import { hintsFor } from '../../publishing/publishPost';
import { assertNoProblems, postProblems } from '../../posts/postRules';

const show = { resource: ['container'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Video', value: 'VIDEO' },
		],
		default: 'TEXT',
		description:
			'What the container holds. For a carousel, create its images and videos here as carousel items.',
		displayOptions: { show },
	},
	{
		displayName: 'Carousel Item',
		name: 'isCarouselItem',
		type: 'boolean',
		default: false,
		description:
			'Whether this image or video is one item of a carousel, to be combined with Create Carousel Container (only Alt Text applies to it)',
		displayOptions: { show: { ...show, mediaType: ['IMAGE', 'VIDEO'] } },
	},
	textField(show, 'post'),
	captionField({ ...show, mediaType: ['IMAGE', 'VIDEO'], isCarouselItem: [false] }),
	...mediaUrlFields(show),
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'],
		mediaTypeParameter: 'mediaType',
		carouselItemParameter: 'isCarouselItem',
		waitOptions: ['checkQuota'],
	}),
];

async function create(
	this: IExecuteFunctions,
	spec: PostSpec,
	itemIndex: number,
): Promise<IDataObject> {
	const body = containerParameters(spec);
	if (spec.options.autoPublishText) {
		const post = await autoPublishText.call(this, body, hintsFor(spec), itemIndex, false);
		return { ...post, autoPublished: true };
	}
	const id = await createContainer.call(this, body, itemIndex);
	return { id, mediaType: spec.mediaType, isCarouselItem: spec.isCarouselItem === true };
}

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runBatch(this, items, {
		checkQuota: checksQuotaFirst(this, items.length),
		prepare: (itemIndex) => {
			const mediaType = this.getNodeParameter('mediaType', itemIndex) as PostSpec['mediaType'];
			const spec = readPostSpec(this, itemIndex, mediaType, { carouselItem: true });
			assertNoProblems(this, postProblems(spec), itemIndex);
			const quota = spec.isCarouselItem ? undefined : spec.options.replyToId ? 'reply' : 'post';
			return { spec, quota };
		},
		run: async (spec, itemIndex) => await create.call(this, spec, itemIndex),
	});
}
