import { requireToken } from './auth.mts';
import { metaTimestamp } from './clock.mts';
import { type Ctx, type Env, type Reply, json, str } from './context.mts';
import { GraphError, mediaNotFound, nonexistingObject, param } from './errors.mts';
import { parseFields, project } from './fields.mts';
import { admitMedia, mediaDownloadFailed, unreachable } from './mediaFetch.mts';
import { type ContainerRecord, DAY_MS, type MediaRecord, type PollRecord, type TokenRecord } from './state.mts';
import type { ContainerKind, ContainerStatus, ContainerView, PublishedPost } from './types.mts';

export const POST_QUOTA = 250;
export const REPLY_QUOTA = 1000;
export const DELETE_QUOTA = 100;
export const LOCATION_SEARCH_QUOTA = 500;
export const KEYWORD_SEARCH_QUOTA = 2200;

export const CONTAINER_ERROR_MESSAGES = [
	'FAILED_DOWNLOADING_VIDEO',
	'FAILED_PROCESSING_AUDIO',
	'FAILED_PROCESSING_VIDEO',
	'INVALID_ASPEC_RATIO',
	'INVALID_BIT_RATE',
	'INVALID_DURATION',
	'INVALID_FRAME_RATE',
	'INVALID_AUDIO_CHANNELS',
	'INVALID_AUDIO_CHANNEL_LAYOUT',
	'UNKNOWN',
];

const REPLY_CONTROLS = ['everyone', 'accounts_you_follow', 'mentioned_only', 'parent_post_author_only', 'followers_only'];
const KINDS: ContainerKind[] = ['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'];
const READ_MEDIA_TYPE: Record<ContainerKind, string> = {
	TEXT: 'TEXT_POST',
	IMAGE: 'IMAGE',
	VIDEO: 'VIDEO',
	CAROUSEL: 'CAROUSEL_ALBUM',
};

// ---- text rules ---------------------------------------------------------------------------------------

// Emoji and the parts their sequences are made of: joiners, variation selector 16, keycaps, skin tones,
// flags' regional indicators, and the tag characters (U+E0020..U+E007F) of subdivision flags such as
// England's (U+1F3F4, tags g b e n g, cancel tag U+E007F: 7 code points of 4 UTF-8 bytes, so 28 by Meta's rule).
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}]/u;

/** Meta's count: one per character, except emoji (and their joiners/modifiers/tags) count their UTF-8 byte length. */
export function threadsTextLength(text: string): number {
	let length = 0;
	for (const ch of text) length += EMOJI_PART.test(ch) ? Buffer.byteLength(ch, 'utf8') : 1;
	return length;
}

const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

/** Unique links, normalized (scheme, www., trailing punctuation and slash ignored). */
export function uniqueLinks(texts: (string | undefined)[]): Set<string> {
	const links = new Set<string>();
	for (const text of texts) {
		if (!text) continue;
		for (const match of text.match(URL_IN_TEXT) ?? []) links.add(normalizeLink(match));
	}
	return links;
}

function normalizeLink(link: string): string {
	return link
		.replace(/[.,;:!?)\]}]+$/, '')
		.replace(/^https?:\/\//i, '')
		.replace(/^www\./i, '')
		.replace(/\/$/, '')
		.toLowerCase();
}

// ---- parameter helpers ----------------------------------------------------------------------------------

function bool(ctx: Ctx, name: string): boolean | undefined {
	const value = str(ctx, name);
	if (value === undefined || value === '') return undefined;
	if (value === 'true' || value === '1') return true;
	if (value === 'false' || value === '0') return false;
	throw param(`Param ${name} must be a boolean`);
}

function jsonParam(ctx: Ctx, name: string): unknown {
	const value = ctx.params[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		throw param(`Param ${name} must be a valid JSON object`);
	}
}

function httpUrl(name: string, value: string): URL {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw param(`Param ${name} must be a valid URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw param(`Param ${name} must be an http or https URL`);
	return url;
}

function listParam(ctx: Ctx, name: string): string[] | undefined {
	const value = ctx.params[name];
	if (value === undefined || value === null || value === '') return undefined;
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

/** `me` or the token's own user id; other ids do not exist for this token. */
export function checkOwnUser(token: TokenRecord, pathId: string, method = 'get'): void {
	if (pathId !== 'me' && pathId !== token.userId) throw nonexistingObject(pathId, method);
}

// ---- status -----------------------------------------------------------------------------------------------

/** When processing ends (a media download still running counts as not yet). */
const processingEnd = (c: ContainerRecord) => (c.download?.state === 'pending' ? Infinity : (c.processingFrom ?? c.createdAt) + c.processingMs);

export function containerStatus(container: ContainerRecord, now: number): ContainerStatus {
	if (container.publishedMediaId !== undefined || container.publishedWithParent !== undefined) return 'PUBLISHED';
	if (now < processingEnd(container) && now < container.createdAt + DAY_MS) return 'IN_PROGRESS';
	if (container.errorMessage !== undefined) return 'ERROR';
	if (now >= container.createdAt + DAY_MS) return 'EXPIRED';
	return 'FINISHED';
}

export function containerView(container: ContainerRecord, now: number): ContainerView {
	const status = containerStatus(container, now);
	const view: ContainerView = {
		id: container.id,
		userId: container.userId,
		mediaType: container.kind,
		status,
		isCarouselItem: container.isCarouselItem,
		createdAt: container.createdAt,
		finishedAt: (container.processingFrom ?? container.createdAt) + container.processingMs, // the earliest, while downloading
		params: container.params,
	};
	if (container.download) view.download = { ...container.download };
	if (status === 'ERROR') view.errorMessage = container.errorMessage;
	if (container.childrenIds) view.childrenIds = [...container.childrenIds];
	if (container.text !== undefined) view.text = container.text;
	if (container.publishedMediaId) view.publishedMediaId = container.publishedMediaId;
	return view;
}

const CONTAINER_FIELDS = ['id', 'status', 'error_message'] as const;

export function getContainer(ctx: Ctx, container: ContainerRecord): Reply {
	const token = requireToken(ctx);
	if (container.userId !== token.userId) throw nonexistingObject(container.id);
	const status = containerStatus(container, ctx.env.clock.now());
	const fields = parseFields(str(ctx, 'fields'), ['id']);
	return json(
		project(fields, CONTAINER_FIELDS, 'ThreadsMediaContainer', ({ name }) => {
			if (name === 'id') return container.id;
			if (name === 'status') return status;
			return status === 'ERROR' ? container.errorMessage : undefined;
		}),
	);
}

// ---- create container -------------------------------------------------------------------------------------

export function createContainer(ctx: Ctx, pathUserId: string): Reply | Promise<Reply> {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_content_publish']);
	checkOwnUser(token, pathUserId, 'post');
	const now = env.clock.now();

	const rawType = str(ctx, 'media_type');
	if (!rawType) throw param('The parameter media_type is required');
	const kind = rawType.toUpperCase() as ContainerKind;
	if (!KINDS.includes(kind)) throw param('Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}');

	const isCarouselItem = bool(ctx, 'is_carousel_item') ?? false;
	const autoPublish = bool(ctx, 'auto_publish_text') ?? false;
	const isGhost = bool(ctx, 'is_ghost_post') ?? false;
	const enableReplyApprovals = bool(ctx, 'enable_reply_approvals') ?? false;
	const crossreshare = bool(ctx, 'crossreshare_to_ig') ?? false;
	const isSpoilerMedia = bool(ctx, 'is_spoiler_media') ?? false;
	const onlyFor = (name: string, allowed: ContainerKind[]) => {
		if (ctx.params[name] !== undefined && ctx.params[name] !== '' && !allowed.includes(kind)) {
			throw param(`Param ${name} is only supported for media_type ${allowed.join(' or ')}`);
		}
	};

	// text
	const text = str(ctx, 'text');
	if (text !== undefined && threadsTextLength(text) > 500) throw param('The parameter text must be at most 500 characters');

	// link_attachment
	onlyFor('link_attachment', ['TEXT']);
	const linkAttachment = str(ctx, 'link_attachment');
	if (linkAttachment !== undefined) httpUrl('link_attachment', linkAttachment);

	// text_attachment
	onlyFor('text_attachment', ['TEXT']);
	const textAttachment = jsonParam(ctx, 'text_attachment') as Record<string, unknown> | undefined;
	if (textAttachment !== undefined) {
		if (typeof textAttachment !== 'object' || Array.isArray(textAttachment)) throw param('Param text_attachment must be a JSON object');
		const plaintext = textAttachment.plaintext;
		if (typeof plaintext !== 'string' || plaintext.length === 0) throw param('Param text_attachment.plaintext is required');
		if (plaintext.length > 10000) throw param('Param text_attachment.plaintext must be at most 10000 characters');
		if (textAttachment.link_attachment_url !== undefined) httpUrl('text_attachment.link_attachment_url', String(textAttachment.link_attachment_url));
		if (linkAttachment !== undefined) throw param('Param text_attachment cannot be combined with link_attachment');
	}

	// gif_attachment
	onlyFor('gif_attachment', ['TEXT']);
	const gif = jsonParam(ctx, 'gif_attachment') as Record<string, unknown> | undefined;
	if (gif !== undefined) {
		if (typeof gif !== 'object' || Array.isArray(gif) || typeof gif.gif_id !== 'string' || !gif.gif_id) {
			throw param('Param gif_attachment must be a JSON object with gif_id and provider');
		}
		if (gif.provider !== 'GIPHY') throw param('Param gif_attachment.provider must be GIPHY');
	}

	if (kind === 'TEXT' && !text && !textAttachment && !gif) throw param('The parameter text is required for media_type TEXT');

	// at most 5 unique links (text + link_attachment + text attachment link)
	const links = uniqueLinks([text, linkAttachment, textAttachment?.link_attachment_url as string | undefined]);
	if (links.size > 5) {
		throw param('THREADS_API__LINK_LIMIT_EXCEEDED: a post may contain at most 5 unique links');
	}

	// media urls
	onlyFor('image_url', ['IMAGE']);
	onlyFor('video_url', ['VIDEO']);
	let mediaUrl: URL | undefined;
	if (kind === 'IMAGE' || kind === 'VIDEO') {
		const name = kind === 'IMAGE' ? 'image_url' : 'video_url';
		const value = str(ctx, name);
		if (!value) throw param(`The parameter ${name} is required for media_type ${kind}`);
		mediaUrl = httpUrl(name, value);
	}

	onlyFor('is_carousel_item', ['IMAGE', 'VIDEO']);
	if (isCarouselItem && (autoPublish || ctx.params.reply_to_id !== undefined)) {
		throw param('Carousel items cannot be replies or auto-published');
	}

	// carousel children
	let childrenIds: string[] | undefined;
	if (kind === 'CAROUSEL') {
		childrenIds = listParam(ctx, 'children') ?? [];
		if (childrenIds.length < 2 || childrenIds.length > 20) throw param('Param children must have between 2 and 20 items');
		if (new Set(childrenIds).size !== childrenIds.length) throw param('Param children must not contain duplicates');
		for (const childId of childrenIds) {
			const child = env.state.containers.get(childId);
			if (!child || child.userId !== token.userId) throw param(`Param children contains an invalid container id ${childId}`);
			if (!child.isCarouselItem) throw param(`Param children: container ${childId} was not created with is_carousel_item=true`);
			const status = containerStatus(child, now);
			if (status === 'IN_PROGRESS') throw mediaNotFound();
			if (status !== 'FINISHED') throw param(`Param children: container ${childId} has status ${status}; every child must be FINISHED`);
		}
	} else if (ctx.params.children !== undefined) {
		throw param('Param children is only supported for media_type CAROUSEL');
	}

	// alt_text
	onlyFor('alt_text', ['IMAGE', 'VIDEO']);
	const altText = str(ctx, 'alt_text');
	if (altText !== undefined && altText.length > 1000) throw param('The parameter alt_text must be at most 1000 characters');

	// poll
	onlyFor('poll_attachment', ['TEXT']);
	const poll = parsePoll(jsonParam(ctx, 'poll_attachment'));

	// topic tag
	const topicTag = str(ctx, 'topic_tag');
	if (topicTag !== undefined) {
		const length = [...topicTag].length;
		if (length < 1 || length > 50) throw param('Param topic_tag must be between 1 and 50 characters');
		if (/[.&]/.test(topicTag)) throw param("Param topic_tag must not contain '.' or '&'");
	}

	// reply control
	const replyControl = str(ctx, 'reply_control');
	if (replyControl !== undefined && !REPLY_CONTROLS.includes(replyControl)) {
		throw param(`Param reply_control must be one of {${REPLY_CONTROLS.join(', ')}}`);
	}

	// text entities (spoilers)
	const textEntities = jsonParam(ctx, 'text_entities');
	if (textEntities !== undefined) {
		if (!Array.isArray(textEntities)) throw param('Param text_entities must be a JSON array');
		if (textEntities.length > 10) throw param('Param text_entities must have at most 10 items');
		const textLength = [...(text ?? '')].length;
		for (const entity of textEntities as Record<string, unknown>[]) {
			const type = String(entity?.entity_type ?? '').toUpperCase();
			const offset = Number(entity?.offset);
			const length = Number(entity?.length);
			if (type !== 'SPOILER') throw param('Param text_entities: entity_type must be SPOILER');
			if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 1 || offset + length > textLength) {
				throw param('Param text_entities: offset and length must describe a range inside text');
			}
		}
	}

	// quote / reply targets
	const quotePostId = str(ctx, 'quote_post_id');
	if (quotePostId !== undefined && !env.state.liveMedia(quotePostId)) throw param(`Param quote_post_id refers to a post that does not exist: ${quotePostId}`);
	const replyToId = str(ctx, 'reply_to_id');
	if (replyToId !== undefined) {
		requireToken(ctx, ['threads_content_publish', 'threads_manage_replies']);
		const target = env.state.liveMedia(replyToId);
		if (!target || target.isCarouselChild) throw param(`Param reply_to_id refers to a post that does not exist: ${replyToId}`);
	}

	onlyFor('auto_publish_text', ['TEXT']);
	onlyFor('is_ghost_post', ['TEXT']);
	if (isGhost && replyToId !== undefined) throw param('Ghost posts cannot be replies');
	onlyFor('is_spoiler_media', ['IMAGE', 'VIDEO', 'CAROUSEL']);

	// location
	const locationId = str(ctx, 'location_id');
	if (locationId !== undefined) {
		requireToken(ctx, ['threads_content_publish', 'threads_location_tagging']);
		if (!env.state.locations.has(locationId)) throw param(`Param location_id refers to a location that does not exist: ${locationId}`);
	}

	// geo gating
	const countries = listParam(ctx, 'allowlisted_country_codes');
	if (countries !== undefined) {
		if (countries.some((c) => !/^[A-Z]{2}$/.test(c))) {
			throw param('Param allowlisted_country_codes must be a comma-separated list of ISO 3166-1 alpha-2 codes');
		}
		if (!env.state.users.get(token.userId)?.isEligibleForGeoGating) {
			throw param('This account is not eligible for geo-gated posts (allowlisted_country_codes)');
		}
	}

	if (crossreshare) requireToken(ctx, ['threads_content_publish', 'threads_share_to_instagram']);

	// image download failures are synchronous, like Meta's
	if (kind === 'IMAGE' && mediaUrl && unreachable(mediaUrl)) throw mediaDownloadFailed();

	let processingMs = env.config.processingMs[kind];
	let errorMessage: string | undefined;
	if (mediaUrl) {
		const override = mediaUrl.searchParams.get('sandbox_processing_ms');
		if (override !== null && Number.isFinite(Number(override))) processingMs = Number(override);
		const forced = mediaUrl.searchParams.get('sandbox_error');
		if (forced !== null) errorMessage = CONTAINER_ERROR_MESSAGES.includes(forced) ? forced : 'UNKNOWN';
		if (kind === 'VIDEO' && unreachable(mediaUrl)) errorMessage = 'FAILED_DOWNLOADING_VIDEO';
	}

	const container: ContainerRecord = {
		id: env.state.nextContainerId(),
		userId: token.userId,
		kind,
		text,
		isCarouselItem,
		childrenIds,
		createdAt: now,
		processingMs,
		errorMessage,
		params: {
			media_type: kind,
			text,
			image_url: kind === 'IMAGE' ? mediaUrl?.toString() : undefined,
			video_url: kind === 'VIDEO' ? mediaUrl?.toString() : undefined,
			is_carousel_item: isCarouselItem || undefined,
			children: childrenIds,
			alt_text: altText,
			link_attachment: linkAttachment,
			text_attachment: textAttachment,
			gif_attachment: gif,
			poll_attachment: poll,
			topic_tag: topicTag,
			reply_control: replyControl,
			text_entities: textEntities,
			quote_post_id: quotePostId,
			reply_to_id: replyToId,
			auto_publish_text: autoPublish || undefined,
			is_ghost_post: isGhost || undefined,
			enable_reply_approvals: enableReplyApprovals || undefined,
			location_id: locationId,
			allowlisted_country_codes: countries,
			crossreshare_to_ig: crossreshare || undefined,
			is_spoiler_media: isSpoilerMedia || undefined,
		},
	};
	for (const key of Object.keys(container.params)) if (container.params[key] === undefined) delete container.params[key];

	if (autoPublish) {
		// Publishes at once: the answer is the published media id.
		checkQuota(env, token.userId, replyToId !== undefined);
		env.state.containers.set(container.id, container);
		const media = publishContainer(env, container);
		return json({ id: media.id });
	}
	return admitMedia(env, container, mediaUrl, () => {
		env.state.containers.set(container.id, container);
		return json({ id: container.id });
	});
}

function parsePoll(value: unknown): PollRecord | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw param('Param poll_attachment must be a JSON object');
	const poll = value as Record<string, unknown>;
	const keys = ['option_a', 'option_b', 'option_c', 'option_d'];
	for (const key of Object.keys(poll)) if (!keys.includes(key)) throw param(`Param poll_attachment has an unknown key ${key}`);
	const present = keys.filter((k) => poll[k] !== undefined && poll[k] !== null);
	if (present.length < 2 || present.length > 4) throw param('Param poll_attachment must have between 2 and 4 options');
	if (present.join() !== keys.slice(0, present.length).join()) {
		throw param('Param poll_attachment options must be given in order: option_a, option_b, option_c, option_d');
	}
	for (const key of present) {
		const option = poll[key];
		if (typeof option !== 'string' || [...option].length < 1 || [...option].length > 25) {
			throw param(`Param poll_attachment.${key} must be between 1 and 25 characters`);
		}
	}
	return Object.fromEntries(present.map((k) => [k, poll[k] as string])) as unknown as PollRecord;
}

// ---- publish ---------------------------------------------------------------------------------------------

export function usage(env: Env, userId: string): { posts: number; replies: number } {
	const since = env.clock.now() - DAY_MS;
	let posts = 0;
	let replies = 0;
	for (const media of env.state.media.values()) {
		if (media.ownerId !== userId || media.containerId === undefined || media.isCarouselChild) continue;
		if (media.timestamp <= since) continue;
		if (media.replyToId !== undefined) replies++;
		else posts++;
	}
	return { posts, replies };
}

function checkQuota(env: Env, userId: string, isReply: boolean): void {
	const current = usage(env, userId);
	if (isReply ? current.replies >= REPLY_QUOTA : current.posts >= POST_QUOTA) {
		throw new GraphError(
			400,
			9,
			isReply
				? 'You have reached the maximum number of replies allowed in 24 hours'
				: 'You have reached the maximum number of posts allowed in 24 hours',
			{ type: 'THApiException', subcode: 2207042, userTitle: 'Publishing limit reached' },
		);
	}
}

export function publish(ctx: Ctx, pathUserId: string): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_content_publish']);
	checkOwnUser(token, pathUserId, 'post');
	const creationId = str(ctx, 'creation_id');
	if (!creationId) throw param('The parameter creation_id is required');
	const container = env.state.containers.get(creationId);
	if (!container || container.userId !== token.userId) throw nonexistingObject(creationId, 'post');
	const now = env.clock.now();
	const status = containerStatus(container, now);
	if (status === 'PUBLISHED') {
		throw param('The media container has already been published', 4279023);
	}
	if (container.isCarouselItem) {
		throw param('Carousel items cannot be published on their own: publish the CAROUSEL container that holds them');
	}
	if (status === 'IN_PROGRESS') throw mediaNotFound();
	if (status === 'ERROR') {
		throw param(`The media container cannot be published: processing failed (${container.errorMessage})`);
	}
	if (status === 'EXPIRED') throw param('The media container has expired: containers must be published within 24 hours');
	if (now < processingEnd(container) + env.config.mediaNotFoundAfterFinishedMs) {
		throw mediaNotFound();
	}
	checkQuota(env, token.userId, container.params.reply_to_id !== undefined);
	const media = publishContainer(env, container);
	return json({ id: media.id });
}

function publishContainer(env: Env, container: ContainerRecord): MediaRecord {
	const now = env.clock.now();
	const p = container.params as Record<string, any>;
	const children = (container.childrenIds ?? []).map((childId) => {
		const child = env.state.containers.get(childId)!;
		child.publishedWithParent = container.id;
		return env.state.addMedia({
			ownerId: container.userId,
			containerId: child.id,
			mediaType: child.kind === 'VIDEO' ? 'VIDEO' : 'IMAGE',
			timestamp: now,
			mediaUrl: (child.params.image_url ?? child.params.video_url) as string,
			thumbnailUrl: child.kind === 'VIDEO' ? thumbnailFor(child.params.video_url as string) : undefined,
			altText: child.params.alt_text as string | undefined,
			isCarouselChild: true,
		});
	});
	let rootId: string | undefined;
	let approvalStatus: MediaRecord['approvalStatus'];
	if (p.reply_to_id) {
		const target = env.state.media.get(p.reply_to_id)!;
		rootId = target.rootId ?? target.id;
		const root = env.state.media.get(rootId);
		if (root?.enableReplyApprovals && root.ownerId !== container.userId) approvalStatus = 'pending';
	}
	const media = env.state.addMedia({
		ownerId: container.userId,
		containerId: container.id,
		mediaType: READ_MEDIA_TYPE[container.kind],
		text: container.text,
		timestamp: now,
		mediaUrl: p.image_url ?? p.video_url,
		thumbnailUrl: container.kind === 'VIDEO' ? thumbnailFor(p.video_url) : undefined,
		altText: p.alt_text,
		linkAttachmentUrl: p.link_attachment,
		childrenIds: children.length ? children.map((c) => c.id) : undefined,
		quotedPostId: p.quote_post_id,
		replyToId: p.reply_to_id,
		rootId,
		approvalStatus,
		replyAudience: String(p.reply_control ?? 'everyone').toUpperCase(),
		enableReplyApprovals: p.enable_reply_approvals === true,
		gifUrl: p.gif_attachment ? `https://media.giphy.com/media/${p.gif_attachment.gif_id}/giphy.gif` : undefined,
		poll: p.poll_attachment,
		topicTag: p.topic_tag,
		isSpoilerMedia: p.is_spoiler_media === true,
		textEntities: p.text_entities,
		textAttachment: p.text_attachment,
		locationId: p.location_id,
		isGhost: p.is_ghost_post === true,
		allowlistedCountryCodes: p.allowlisted_country_codes,
	});
	container.publishedMediaId = media.id;
	container.publishedAt = now;
	env.events.created(media);
	return media;
}

function thumbnailFor(videoUrl: string | undefined): string | undefined {
	return videoUrl ? `${videoUrl.split('?')[0]}.thumbnail.jpg` : undefined;
}

export function permalink(env: Env, media: MediaRecord): string {
	const username = env.state.users.get(media.ownerId)?.username ?? 'unknown';
	return `https://www.threads.net/@${username}/post/${media.shortcode}`;
}

export function publishedPosts(env: Env, userId?: string): PublishedPost[] {
	const out: PublishedPost[] = [];
	for (const media of env.state.media.values()) {
		if (media.containerId === undefined || media.isCarouselChild) continue;
		if (userId !== undefined && media.ownerId !== userId) continue;
		const container = env.state.containers.get(media.containerId);
		const post: PublishedPost = {
			id: media.id,
			containerId: media.containerId,
			userId: media.ownerId,
			mediaType: media.mediaType,
			text: media.text ?? '',
			timestamp: metaTimestamp(media.timestamp),
			publishedAt: media.timestamp,
			permalink: permalink(env, media),
		};
		if (container?.childrenIds) post.childrenContainerIds = [...container.childrenIds];
		if (media.replyToId) post.replyToId = media.replyToId;
		if (media.deletedAt !== undefined) post.deleted = true;
		out.push(post);
	}
	return out;
}
