import type { IDataObject } from 'n8n-workflow';

import type { CarouselItemSpec, PostOptions, PostSpec } from './postSpec';

const POLL_KEYS = ['option_a', 'option_b', 'option_c', 'option_d'];

/** Meta's names and encodings for the options (objects travel as JSON, lists comma-separated). */
function optionParameters(options: PostOptions): IDataObject {
	const body: IDataObject = {};
	if (options.altText) body.alt_text = options.altText;
	if (options.replyToId) body.reply_to_id = options.replyToId.trim();
	if (options.replyControl) body.reply_control = options.replyControl;
	if (options.quotePostId) body.quote_post_id = options.quotePostId.trim();
	if (options.linkAttachment) body.link_attachment = options.linkAttachment.trim();
	if (options.topicTag) body.topic_tag = options.topicTag;
	const poll = (options.pollOptions ?? []).filter((option) => option.trim() !== '');
	if (poll.length > 0) {
		body.poll_attachment = Object.fromEntries(
			poll.map((option, index) => [POLL_KEYS[index], option]),
		);
	}
	if (options.gifId) body.gif_attachment = { gif_id: options.gifId, provider: 'GIPHY' };
	if (options.textSpoilers?.length) {
		body.text_entities = options.textSpoilers.map(({ offset, length }) => ({
			entity_type: 'SPOILER',
			offset,
			length,
		}));
	}
	if (options.spoilerMedia) body.is_spoiler_media = true;
	if (options.textAttachment) {
		const attachment: IDataObject = { plaintext: options.textAttachment.plaintext };
		if (options.textAttachment.linkUrl) {
			attachment.link_attachment_url = options.textAttachment.linkUrl.trim();
		}
		if (options.textAttachment.styling !== undefined) {
			attachment.text_with_styling_info = options.textAttachment.styling as IDataObject[];
		}
		body.text_attachment = attachment;
	}
	if (options.ghostPost) body.is_ghost_post = true;
	if (options.replyApprovals) body.enable_reply_approvals = true;
	if (options.locationId) body.location_id = options.locationId.trim();
	if (options.allowlistedCountries?.length) {
		body.allowlisted_country_codes = options.allowlistedCountries.join(',');
	}
	if (options.autoPublishText) body.auto_publish_text = true;
	if (options.shareToInstagram) body.crossreshare_to_ig = true;
	return body;
}

/** The form body of `POST /me/threads` for a validated specification (carousel children given as ids). */
export function containerParameters(spec: PostSpec, children?: string[]): IDataObject {
	const body: IDataObject = { media_type: spec.mediaType };
	if (spec.text) body.text = spec.text;
	if (spec.mediaType === 'IMAGE') body.image_url = spec.imageUrl?.trim();
	if (spec.mediaType === 'VIDEO') body.video_url = spec.videoUrl?.trim();
	if (spec.isCarouselItem) body.is_carousel_item = true;
	const childIds = children ?? spec.children;
	if (spec.mediaType === 'CAROUSEL' && childIds) body.children = childIds.join(',');
	return { ...body, ...optionParameters(spec.options) };
}

/** The body of one carousel item container. */
export function carouselItemParameters(item: CarouselItemSpec): IDataObject {
	const body: IDataObject = { media_type: item.mediaType, is_carousel_item: true };
	if (item.mediaType === 'IMAGE') body.image_url = item.url.trim();
	else body.video_url = item.url.trim();
	if (item.altText) body.alt_text = item.altText;
	return body;
}
