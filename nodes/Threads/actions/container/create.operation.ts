import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { autoPublishText } from '../../helpers/autoPublish';
import { runBatch } from '../../helpers/batch';
import { containerParameters } from '../../helpers/containerParameters';
import { createContainer } from '../../helpers/createContainer';
import {
	postOptionsCollection,
	readPostOptions,
	readWaitSettings,
} from '../../helpers/postParameters';
import type { PostSpec } from '../../helpers/postSpec';
import { hintsFor } from '../../helpers/publishing';
import { assertNoProblems, postProblems } from '../../helpers/postValidation';

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
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'The post text: at most 500 characters (emoji count by their UTF-8 length) and 5 links',
		displayOptions: { show: { ...show, mediaType: ['TEXT'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Optional caption: at most 500 characters (emoji count by their UTF-8 length) and 5 links',
		displayOptions: { show: { ...show, mediaType: ['IMAGE', 'VIDEO'], isCarouselItem: [false] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description:
			'A public http(s) URL Threads downloads the image from (JPEG or PNG, at most 8 MB)',
		displayOptions: { show: { ...show, mediaType: ['IMAGE'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		description:
			'A public http(s) URL Threads downloads the video from (MOV or MP4, at most 5 minutes)',
		displayOptions: { show: { ...show, mediaType: ['VIDEO'] } },
	},
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'],
		mediaTypeParameter: 'mediaType',
		carouselItemParameter: 'isCarouselItem',
		waitOptions: ['checkQuota'],
	}),
];

function readSpec(context: IExecuteFunctions, itemIndex: number): PostSpec {
	const mediaType = context.getNodeParameter('mediaType', itemIndex) as PostSpec['mediaType'];
	const spec: PostSpec = {
		mediaType,
		text: context.getNodeParameter('text', itemIndex, '') as string,
		options: readPostOptions(context, itemIndex),
	};
	if (mediaType === 'IMAGE' || mediaType === 'VIDEO') {
		spec.isCarouselItem = context.getNodeParameter('isCarouselItem', itemIndex, false) as boolean;
	}
	if (mediaType === 'IMAGE')
		spec.imageUrl = context.getNodeParameter('imageUrl', itemIndex, '') as string;
	if (mediaType === 'VIDEO')
		spec.videoUrl = context.getNodeParameter('videoUrl', itemIndex, '') as string;
	return spec;
}

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
		checkQuota: items.length > 1 && readWaitSettings(this, 0).checkQuota,
		prepare: (itemIndex) => {
			const spec = readSpec(this, itemIndex);
			assertNoProblems(this, postProblems(spec), itemIndex);
			const quota = spec.isCarouselItem ? undefined : spec.options.replyToId ? 'reply' : 'post';
			return { spec, quota };
		},
		run: async (spec, itemIndex) => await create.call(this, spec, itemIndex),
	});
}
