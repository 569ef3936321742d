import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { skippingEarlierPosts } from '../earlierPostAdmission';
import { quotaAdmission } from '../quotaAdmission';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { carouselFields } from '../../descriptions/carouselFields';
import { binaryPropertyField, mediaSourceFields } from '../../descriptions/mediaSource';
import type { MediaPlan, MediaRequest } from '../../media/mediaPlan';
import { preparePostMedia, singleMediaRequest, withMediaUrls } from '../../media/postMedia';
import { withStagedMedia } from '../../media/stageMedia';
import { readPostSpec } from '../../parameters/postContent';
import { readWaitSettings } from '../../parameters/postOptions';
import {
	type FittedPost,
	adjustedOutput,
	deferredPost,
	fitPostSpec,
	readTextChoices,
} from '../../parameters/postText';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import { postOptionsCollection } from '../../descriptions/postOptions';
import { skipIfPostedField } from '../../descriptions/skipIfPosted';
import { readSkipIfPosted } from '../../parameters/skipIfPosted';
import { findEarlierPost } from '../../publishing/earlierPost';
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
	...mediaSourceFields({ ...show, mediaType: ['IMAGE', 'VIDEO', 'CAROUSEL'] }),
	...mediaUrlFields(show),
	binaryPropertyField({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	...carouselFields(show),
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'],
		mediaTypeParameter: 'mediaType',
		waitOptions: [
			'maxWait',
			'includePermalink',
			'concurrency',
			'checkQuota',
			'overQuota',
			'keepUploadedFiles',
		],
		textOptions: { split: true },
		extraFields: [skipIfPostedField],
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

/** The binary files of a post: its one image or video, or each carousel item listed in the node. */
function mediaRequests(context: IExecuteFunctions, itemIndex: number, spec: PostSpec) {
	if (spec.mediaType !== 'CAROUSEL') return singleMediaRequest(context, itemIndex, spec);
	const listed = context.getNodeParameter('carouselItems', itemIndex, {}) as {
		item?: IDataObject[];
	};
	return (listed.item ?? []).map(
		(entry, index): MediaRequest => ({
			inputItem: itemIndex,
			property: String(entry.binaryPropertyName ?? 'data'),
			kind: entry.mediaType === 'VIDEO' ? 'VIDEO' : 'IMAGE',
			context: `Carousel Item ${index + 1}: `,
			fieldName: `Carousel Item ${index + 1} Input Binary Field`,
		}),
	);
}

/** A carousel from all input items: each item's own binary file. */
function inputItemRequests(context: IExecuteFunctions, count: number): MediaRequest[] {
	return Array.from({ length: count }, (_, index) => {
		const choice = context.getNodeParameter('itemMediaType', index, 'auto');
		return {
			inputItem: index,
			property: String(context.getNodeParameter('itemBinaryPropertyName', index, 'data')),
			kind: choice === 'IMAGE' || choice === 'VIDEO' ? choice : undefined,
			fieldName: 'Item Input Binary Field',
		};
	});
}

interface PreparedPost extends FittedPost {
	wait: WaitSettings;
	/** Skip If Already Posted Within (Minutes); 0: off. */
	skipMinutes: number;
	/** Reply To and Quote Post given as post URLs (version 2 locators), resolved when the item runs. */
	urls: PostUrls;
	/** When Text Is Too Long: Split Into a Thread, and the text took more than one post. */
	thread?: SplitThread;
	/** Media from binary data, checked; undefined for Media Source URL. */
	media?: MediaPlan;
}

/** Reads the item, fits its text with the text options and checks it (every part of a split), before any request. */
function prepareItem(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: PostSpec,
): FittedPost & {
	wait: WaitSettings;
	skipMinutes: number;
	thread?: SplitThread;
} {
	const choices = readTextChoices(context, itemIndex);
	const fitted = fitPostSpec(context, itemIndex, raw, choices);
	const wait = readWaitSettings(context, itemIndex);
	if (!fitted.parts) assertPublishable(context, fitted.spec, wait, itemIndex);
	const thread = fitted.parts
		? prepareSplitThread(context, itemIndex, fitted.spec, fitted.parts, wait)
		: undefined;
	const split = choices.whenTooLong === 'split';
	const skipMinutes = readSkipIfPosted(context, itemIndex, fitted.spec, split);
	return { ...fitted, wait, skipMinutes, thread };
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedPost> {
	const { spec: raw, urls } = deferPostUrls(this, itemIndex, readSpec(this, itemIndex));
	const { spec, plan } = await preparePostMedia(this, itemIndex, raw, (post) =>
		mediaRequests(this, itemIndex, post),
	);
	return { ...prepareItem(this, itemIndex, spec), urls, media: plan };
}

/** Skip If Already Posted Within: the post this one would repeat (its URLs resolved first), if any. */
async function earlierPost(
	this: IExecuteFunctions,
	{ spec, urls, wait, adjusted, skipMinutes }: PreparedPost,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (skipMinutes === 0) return undefined;
	const resolved = await resolvePostUrls.call(this, spec, urls, itemIndex);
	const found = await findEarlierPost.call(
		this,
		resolved,
		skipMinutes,
		itemIndex,
		wait.includePermalink,
	);
	return found && { ...found, ...adjustedOutput(adjusted) };
}

export const admit = skippingEarlierPosts<PreparedPost>(
	earlierPost,
	quotaAdmission<PreparedPost>(
		({ spec, thread }) =>
			thread ? splitThreadNeed(thread) : spec.options.replyToId ? 'reply' : 'post',
		deferredPost,
	),
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ spec, wait, urls, adjusted, thread, media }: PreparedPost,
): Promise<IDataObject> {
	return await withStagedMedia(this, itemIndex, media, async (mediaUrls) => {
		const published = thread
			? await publishSplitThread(this, itemIndex, withThreadMedia(thread, mediaUrls), urls, wait)
			: await publishPost.call(
					this,
					withMediaUrls(await resolvePostUrls.call(this, spec, urls, itemIndex), mediaUrls),
					itemIndex,
					wait,
				);
		return { ...published, ...adjustedOutput(adjusted) };
	});
}

/** A split thread's root carries the post's media: the staged URLs go to it. */
function withThreadMedia(thread: SplitThread, mediaUrls: string[]): SplitThread {
	const [root, ...replies] = thread.specs;
	return { ...thread, specs: [withMediaUrls(root, mediaUrls), ...replies] };
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
	const { spec: withMedia, plan } = await preparePostMedia(this, 0, raw, () =>
		inputItemRequests(this, items.length),
	);
	const prepared = prepareItem(this, 0, withMedia);
	const { spec, adjusted, wait, thread } = prepared;
	const earlier = await earlierPost.call(this, { ...prepared, urls }, 0);
	if (earlier) return earlier;
	return await withStagedMedia(this, 0, plan, async (mediaUrls) => {
		const published = thread
			? await publishSplitThread(this, 0, withThreadMedia(thread, mediaUrls), urls, wait)
			: await publishPost.call(
					this,
					withMediaUrls(await resolvePostUrls.call(this, spec, urls, 0), mediaUrls),
					0,
					wait,
				);
		return { ...published, ...adjustedOutput(adjusted) };
	});
}
