import type { IExecuteFunctions } from 'n8n-workflow';

import { readMediaSource } from '../parameters/binaryMedia';
import { readKeepUploads } from '../parameters/postOptions';
import type { PostSpec } from '../posts/postSpec';
import { type MediaPlan, type MediaRequest, planMedia } from './mediaPlan';

/**
 * The media of one post from binary data: which files (the operation says), checked before any
 * request, and the post with their URLs once they are staged.
 */

export interface PostMedia {
	/** With `mediaFromBinary` (and each carousel item's kind from its file) when the media come from binary data. */
	spec: PostSpec;
	/** Undefined for Media Source URL. */
	plan?: MediaPlan;
}

/** The single image or video of a post, reply or container: the item's Input Binary Field. */
export function singleMediaRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PostSpec,
): MediaRequest[] {
	if (spec.mediaType !== 'IMAGE' && spec.mediaType !== 'VIDEO') return [];
	return [
		{
			inputItem: itemIndex,
			property: String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data')),
			kind: spec.mediaType,
		},
	];
}

/**
 * Reads the item's Media Source; for a binary one, checks the files `requests` names and what the
 * source needs (see planMedia). Nothing is uploaded or sent.
 */
export async function preparePostMedia(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PostSpec,
	requests: (spec: PostSpec) => MediaRequest[],
): Promise<PostMedia> {
	const source = readMediaSource(context, itemIndex);
	if (source === 'url' || spec.mediaType === 'TEXT') return { spec };
	const wanted = requests(spec);
	if (wanted.length === 0) return { spec };
	const plan = await planMedia(
		context,
		itemIndex,
		source,
		wanted,
		readKeepUploads(context, itemIndex),
	);
	const staged: PostSpec = { ...spec, mediaFromBinary: true };
	if (spec.carouselItems) {
		// A carousel item set to take its type from the file gets it now.
		staged.carouselItems = spec.carouselItems.map((item, index) => ({
			...item,
			mediaType: plan.files[index]?.kind ?? item.mediaType,
		}));
	}
	return { spec: staged, plan };
}

/** The post with the staged URLs in place of the user's (in the plan's order). */
export function withMediaUrls(spec: PostSpec, urls: string[]): PostSpec {
	if (!spec.mediaFromBinary || urls.length === 0) return spec;
	if (spec.mediaType === 'IMAGE') return { ...spec, imageUrl: urls[0] };
	if (spec.mediaType === 'VIDEO') return { ...spec, videoUrl: urls[0] };
	if (spec.mediaType === 'CAROUSEL' && spec.carouselItems) {
		return {
			...spec,
			carouselItems: spec.carouselItems.map((item, index) => ({ ...item, url: urls[index] })),
		};
	}
	return spec;
}
