import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { quotaAdmission } from '../quotaAdmission';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { readPostSpec } from '../../parameters/postContent';
import { readWaitSettings } from '../../parameters/postOptions';
import {
	type FittedPost,
	adjustedOutput,
	deferredPost,
	fitPostSpec,
} from '../../parameters/postText';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import { postOptionsCollection } from '../../descriptions/postOptions';
import type { CarouselItemSpec, MediaKind, PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertPublishable } from '../../posts/postRules';
import { publishPost } from '../../publishing/publishPost';
import type { OperationOption } from '../types';
import {
	type SplitThread,
	prepareSplitThread,
	publishSplitThread,
	splitThreadNeed,
} from './splitThread';

export const option: OperationOption = {
	name: 'Publish',
	description: 'Create, wait for and publish a post in one step',
	action: 'Publish a post',
};

const show = { resource: ['post'], operation: ['publish'] };
const carousel = { ...show, mediaType: ['CAROUSEL'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Carousel', value: 'CAROUSEL', description: '2 to 20 images and videos' },
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
		default: 'TEXT',
		description: 'What the post holds: text only, one image, one video, or a carousel',
		displayOptions: { show },
	},
	textField(show, 'post'),
	captionField({ ...show, mediaType: ['IMAGE', 'VIDEO', 'CAROUSEL'] }),
	...mediaUrlFields(show),
	{
		displayName: 'Carousel Items From',
		name: 'carouselSource',
		type: 'options',
		options: [
			{
				name: 'All Input Items',
				value: 'inputItems',
				description: 'One carousel whose items are all the input items, in order',
			},
			{
				name: 'Defined Below',
				value: 'node',
				description: 'One carousel per input item, with the items listed here',
			},
		],
		default: 'node',
		description: 'Where the images and videos of the carousel come from',
		displayOptions: { show: carousel },
	},
	{
		displayName:
			'All input items make one carousel: each item gives one image or video, and the text and options are read from the first item',
		name: 'carouselFromItemsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...carousel, carouselSource: ['inputItems'] } },
	},
	{
		displayName: 'Carousel Items',
		name: 'carouselItems',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		placeholder: 'Add Carousel Item',
		description: '2 to 20 images and videos, in display order',
		displayOptions: { show: { ...carousel, carouselSource: ['node'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'options',
						options: [
							{ name: 'Image', value: 'IMAGE' },
							{ name: 'Video', value: 'VIDEO' },
						],
						default: 'IMAGE',
					},
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/photo.jpg',
						description: 'A public http(s) URL Threads downloads the media from',
					},
					{
						displayName: 'Alt Text',
						name: 'altText',
						type: 'string',
						default: '',
						description: 'Describes the media for screen readers (at most 1000 characters)',
					},
				],
			},
		],
	},
	{
		displayName: 'Item Media URL',
		name: 'itemUrl',
		type: 'string',
		default: '={{ $json.url }}',
		required: true,
		description: "Read from each input item: the public URL of that item's image or video",
		displayOptions: { show: { ...carousel, carouselSource: ['inputItems'] } },
	},
	{
		displayName: 'Item Media Type',
		name: 'itemMediaType',
		type: 'options',
		options: [
			{
				name: 'From URL',
				value: 'auto',
				description: 'Video for .mp4, .mov, .m4v; image otherwise',
			},
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Video', value: 'VIDEO' },
		],
		default: 'auto',
		description: 'Whether each input item holds an image or a video',
		displayOptions: { show: { ...carousel, carouselSource: ['inputItems'] } },
	},
	{
		displayName: 'Item Alt Text',
		name: 'itemAltText',
		type: 'string',
		default: '',
		description: "Read from each input item: the media's alt text (optional)",
		displayOptions: { show: { ...carousel, carouselSource: ['inputItems'] } },
	},
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'],
		mediaTypeParameter: 'mediaType',
		waitOptions: ['maxWait', 'includePermalink', 'concurrency', 'checkQuota', 'overQuota'],
		textOptions: { split: true },
	}),
];

const VIDEO_EXTENSION = /\.(mp4|mov|m4v)(?:$|[?#])/i;

function mediaKindOf(choice: string, url: string): MediaKind {
	if (choice === 'IMAGE' || choice === 'VIDEO') return choice;
	return VIDEO_EXTENSION.test(url) ? 'VIDEO' : 'IMAGE';
}

function readSpec(context: IExecuteFunctions, itemIndex: number): PostSpec {
	const mediaType = context.getNodeParameter('mediaType', itemIndex) as PostSpec['mediaType'];
	const spec = readPostSpec(context, itemIndex, mediaType);
	if (mediaType === 'CAROUSEL') {
		const listed = context.getNodeParameter('carouselItems', itemIndex, {}) as {
			item?: IDataObject[];
		};
		spec.carouselItems = (listed.item ?? []).map((entry) => ({
			mediaType: entry.mediaType as MediaKind,
			url: String(entry.url ?? ''),
			altText: entry.altText ? String(entry.altText) : undefined,
		}));
	}
	return spec;
}

function itemFromInput(context: IExecuteFunctions, itemIndex: number): CarouselItemSpec {
	const url = String(context.getNodeParameter('itemUrl', itemIndex, '') ?? '').trim();
	const altText = String(context.getNodeParameter('itemAltText', itemIndex, '') ?? '');
	return {
		mediaType: mediaKindOf(
			context.getNodeParameter('itemMediaType', itemIndex, 'auto') as string,
			url,
		),
		url,
		altText: altText || undefined,
	};
}

interface PreparedPost extends FittedPost {
	wait: WaitSettings;
	/** Reply To and Quote Post given as post URLs (version 2 locators), resolved when the item runs. */
	urls: PostUrls;
	/** When Text Is Too Long: Split Into a Thread, and the text took more than one post. */
	thread?: SplitThread;
}

/** Reads the item, fits its text with the text options and checks it (every part of a split), before any request. */
function prepareItem(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: PostSpec,
): FittedPost & {
	wait: WaitSettings;
	thread?: SplitThread;
} {
	const fitted = fitPostSpec(context, itemIndex, raw);
	const wait = readWaitSettings(context, itemIndex);
	if (!fitted.parts) {
		assertPublishable(context, fitted.spec, wait, itemIndex);
		return { ...fitted, wait };
	}
	const thread = prepareSplitThread(context, itemIndex, fitted.spec, fitted.parts, wait);
	return { ...fitted, wait, thread };
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedPost {
	const { spec: raw, urls } = deferPostUrls(this, itemIndex, readSpec(this, itemIndex));
	return { ...prepareItem(this, itemIndex, raw), urls };
}

export const admit = quotaAdmission<PreparedPost>(
	({ spec, thread }) =>
		thread ? splitThreadNeed(thread) : spec.options.replyToId ? 'reply' : 'post',
	deferredPost,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ spec, wait, urls, adjusted, thread }: PreparedPost,
): Promise<IDataObject> {
	if (thread) {
		const published = await publishSplitThread(this, itemIndex, thread, urls, wait);
		return { ...published, ...adjustedOutput(adjusted) };
	}
	const resolved = await resolvePostUrls.call(this, spec, urls, itemIndex);
	const published = await publishPost.call(this, resolved, itemIndex, wait);
	return { ...published, ...adjustedOutput(adjusted) };
}

/** A carousel whose items are all the input items: one post for the whole run. */
export function combinesItems(this: IExecuteFunctions): boolean {
	return (
		this.getNodeParameter('mediaType', 0) === 'CAROUSEL' &&
		this.getNodeParameter('carouselSource', 0, 'node') === 'inputItems'
	);
}

export async function executeCombined(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<IDataObject> {
	const { spec: raw, urls } = deferPostUrls(this, 0, readSpec(this, 0));
	raw.carouselItems = items.map((_, index) => itemFromInput(this, index));
	const { spec, adjusted, wait, thread } = prepareItem(this, 0, raw);
	const published = thread
		? await publishSplitThread(this, 0, thread, urls, wait)
		: await publishPost.call(this, await resolvePostUrls.call(this, spec, urls, 0), 0, wait);
	return { ...published, ...adjustedOutput(adjusted) };
}
