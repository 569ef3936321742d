import type { IExecuteFunctions } from 'n8n-workflow';

import type { PostSpec } from '../posts/postSpec';
import { readPostOptions } from './postOptions';

/**
 * Reads the text, options and media URL of one item (no checks: see postProblems). With
 * `carouselItem`, an image or video also reads the operation's Carousel Item toggle.
 */
export function readPostSpec(
	context: IExecuteFunctions,
	itemIndex: number,
	mediaType: PostSpec['mediaType'],
	{ carouselItem = false }: { carouselItem?: boolean } = {},
): PostSpec {
	const spec: PostSpec = {
		mediaType,
		text: context.getNodeParameter('text', itemIndex, '') as string,
		options: readPostOptions(context, itemIndex),
	};
	if (carouselItem && (mediaType === 'IMAGE' || mediaType === 'VIDEO')) {
		spec.isCarouselItem = context.getNodeParameter('isCarouselItem', itemIndex, false) as boolean;
	}
	if (mediaType === 'IMAGE')
		spec.imageUrl = context.getNodeParameter('imageUrl', itemIndex, '') as string;
	if (mediaType === 'VIDEO')
		spec.videoUrl = context.getNodeParameter('videoUrl', itemIndex, '') as string;
	return spec;
}
