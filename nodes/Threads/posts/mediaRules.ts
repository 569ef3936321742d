import { numericIdProblem } from '../shared/ids';
import type { PostSpec } from './postSpec';
import { publicUrlProblem } from './publicUrl';

/**
 * Meta's rules on the media of a post: an image or video URL Threads can fetch, 2 to 20 carousel
 * items. Media from binary data get their URLs from the node, so only their count and kinds are
 * checked here (their files: mediaFiles.ts).
 */

export const MAX_ALT_TEXT = 1000;
export const MIN_CAROUSEL_ITEMS = 2;
export const MAX_CAROUSEL_ITEMS = 20;

/** Characters as Meta counts them for alt text, poll options and the like: code points. */
export function codePoints(text: string): number {
	return [...text].length;
}

/** What is wrong with the media of a post or container (URLs, carousel items), naming the fields. */
export function mediaProblems(spec: PostSpec): string[] {
	const problems: string[] = [];
	if (spec.isCarouselItem && spec.mediaType !== 'IMAGE' && spec.mediaType !== 'VIDEO') {
		problems.push('Carousel Item is only possible for images and videos');
	}
	if (spec.mediaType === 'IMAGE' && !spec.mediaFromBinary) {
		if (!spec.imageUrl) problems.push('Image URL is required for an image post');
		else {
			const problem = publicUrlProblem(spec.imageUrl, 'Image URL');
			if (problem) problems.push(problem);
		}
	}
	if (spec.mediaType === 'VIDEO' && !spec.mediaFromBinary) {
		if (!spec.videoUrl) problems.push('Video URL is required for a video post');
		else {
			const problem = publicUrlProblem(spec.videoUrl, 'Video URL');
			if (problem) problems.push(problem);
		}
	}
	if (spec.mediaType === 'CAROUSEL') problems.push(...carouselProblems(spec));
	return problems;
}

function carouselProblems(spec: PostSpec): string[] {
	const problems: string[] = [];
	const count = spec.children ? spec.children.length : (spec.carouselItems?.length ?? 0);
	const field = spec.children ? 'Item Container IDs' : 'Carousel Items';
	if (count < MIN_CAROUSEL_ITEMS || count > MAX_CAROUSEL_ITEMS) {
		problems.push(
			`${field} must hold ${MIN_CAROUSEL_ITEMS} to ${MAX_CAROUSEL_ITEMS} images or videos, got ${count}`,
		);
	}
	if (spec.children) {
		for (const child of spec.children) {
			const problem = numericIdProblem(child, 'Item Container IDs');
			if (problem) return [...problems, problem];
		}
		if (new Set(spec.children).size !== spec.children.length) {
			problems.push('Item Container IDs must not list the same container twice');
		}
	}
	(spec.carouselItems ?? []).forEach((item, index) => {
		const label = `Carousel Item ${index + 1}`;
		if (item.mediaType !== 'IMAGE' && item.mediaType !== 'VIDEO') {
			problems.push(`${label} Media Type must be IMAGE or VIDEO`);
		}
		const urlProblem = spec.mediaFromBinary
			? undefined
			: item.url
				? publicUrlProblem(item.url, `${label} URL`)
				: `${label} URL is required`;
		if (urlProblem) problems.push(urlProblem);
		if (item.altText && codePoints(item.altText) > MAX_ALT_TEXT) {
			problems.push(
				`${label} Alt Text is ${codePoints(item.altText)} characters long; the limit is ${MAX_ALT_TEXT}`,
			);
		}
	});
	return problems;
}
