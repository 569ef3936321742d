/** What a post (or a container) is made of, independent of where the values came from. */

export type MediaKind = 'IMAGE' | 'VIDEO';
export type PostMediaType = 'TEXT' | MediaKind | 'CAROUSEL';

export const REPLY_CONTROLS = [
	'everyone',
	'accounts_you_follow',
	'mentioned_only',
	'parent_post_author_only',
	'followers_only',
] as const;

export interface TextSpoiler {
	offset: number;
	length: number;
}

export interface TextAttachment {
	plaintext: string;
	linkUrl?: string;
	/** Meta's `text_with_styling_info`, as the user gave it (a JSON array). */
	styling?: unknown;
}

/** Every optional container parameter Meta documents, in the node's names. */
export interface PostOptions {
	altText?: string;
	replyToId?: string;
	replyControl?: string;
	quotePostId?: string;
	linkAttachment?: string;
	topicTag?: string;
	/** Poll options in order (option_a, option_b, ...). */
	pollOptions?: string[];
	gifId?: string;
	textSpoilers?: TextSpoiler[];
	spoilerMedia?: boolean;
	textAttachment?: TextAttachment;
	ghostPost?: boolean;
	replyApprovals?: boolean;
	locationId?: string;
	allowlistedCountries?: string[];
	autoPublishText?: boolean;
	shareToInstagram?: boolean;
}

export interface CarouselItemSpec {
	mediaType: MediaKind;
	url: string;
	altText?: string;
}

export interface PostSpec {
	mediaType: PostMediaType;
	text?: string;
	imageUrl?: string;
	videoUrl?: string;
	/** An image or video container made to be one item of a carousel. */
	isCarouselItem?: boolean;
	/** CAROUSEL made from media URLs (one-step publishing). */
	carouselItems?: CarouselItemSpec[];
	/** CAROUSEL made from existing item containers. */
	children?: string[];
	/**
	 * The media come from binary data: the node fills in their URLs itself once they are uploaded
	 * (or signed), so the URLs are not checked as a user's input.
	 */
	mediaFromBinary?: boolean;
	options: PostOptions;
}

/** How long and how widely to wait for Meta's processing, and what to return. */
export interface WaitSettings {
	maxWaitMs: number;
	/** Carousel items created and checked at the same time. */
	concurrency: number;
	includePermalink: boolean;
}

export const DEFAULT_WAIT: WaitSettings = {
	maxWaitMs: 5 * 60 * 1000,
	concurrency: 5,
	includePermalink: true,
};
