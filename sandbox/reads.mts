import { requireToken } from './auth.mts';
import { metaTimestamp } from './clock.mts';
import { type Ctx, type Env, type Reply, json, str } from './context.mts';
import { GraphError, param } from './errors.mts';
import { type FieldSpec, parseFields, pick, project } from './fields.mts';
import {
	DELETE_QUOTA,
	LOCATION_SEARCH_QUOTA,
	checkOwnUser,
	permalink,
	usage,
} from './publishing.mts';
import { DAY_MS, type MediaRecord, type TokenRecord, type UserRecord } from './state.mts';

export const EARLIEST_SINCE = 1688540400;

export const MEDIA_FIELDS = [
	'id',
	'media_product_type',
	'media_type',
	'media_url',
	'permalink',
	'owner',
	'username',
	'text',
	'timestamp',
	'shortcode',
	'thumbnail_url',
	'children',
	'is_quote_post',
	'quoted_post',
	'reposted_post',
	'alt_text',
	'link_attachment_url',
	'has_replies',
	'is_reply',
	'is_reply_owned_by_me',
	'root_post',
	'replied_to',
	'hide_status',
	'reply_audience',
	'gif_url',
	'poll_attachment',
	'topic_tag',
	'is_spoiler_media',
	'text_entities',
	'text_attachment',
	'location_id',
	'location',
	'is_verified',
	'profile_picture_url',
	'ghost_post_status',
	'ghost_post_expiration_timestamp',
	'allowlisted_country_codes',
] as const;

/** Replies others can see (pending / ignored replies only show up in pending_replies). */
export function visibleReplies(env: Env, parentId: string): MediaRecord[] {
	return [...env.state.media.values()].filter(
		(m) => m.replyToId === parentId && m.deletedAt === undefined && (m.approvalStatus === undefined || m.approvalStatus === 'approved'),
	);
}

export function renderMedia(env: Env, media: MediaRecord, fields: FieldSpec[], viewer: TokenRecord): Record<string, unknown> {
	const owner = env.state.users.get(media.ownerId);
	const location = media.locationId ? env.state.locations.get(media.locationId) : undefined;
	return project(fields, MEDIA_FIELDS, 'ThreadsMedia', (field) => {
		switch (field.name) {
			case 'id':
				return media.id;
			case 'media_product_type':
				return 'THREADS';
			case 'media_type':
				return media.mediaType;
			case 'media_url':
				return media.mediaUrl;
			case 'permalink':
				return media.isCarouselChild ? undefined : permalink(env, media);
			case 'owner':
				return pick({ id: media.ownerId }, field.sub);
			case 'username':
				return owner?.username;
			case 'text':
				return media.text;
			case 'timestamp':
				return metaTimestamp(media.timestamp);
			case 'shortcode':
				return media.shortcode;
			case 'thumbnail_url':
				return media.thumbnailUrl;
			case 'children': {
				if (!media.childrenIds) return undefined;
				const sub = field.sub ?? [{ name: 'id' }];
				return { data: media.childrenIds.map((id) => renderMedia(env, env.state.media.get(id)!, sub, viewer)) };
			}
			case 'is_quote_post':
				return media.quotedPostId !== undefined;
			case 'quoted_post':
				return media.quotedPostId ? { id: media.quotedPostId } : undefined;
			case 'reposted_post':
				return media.repostedPostId ? { id: media.repostedPostId } : undefined;
			case 'alt_text':
				return media.altText;
			case 'link_attachment_url':
				return media.linkAttachmentUrl;
			case 'has_replies':
				return visibleReplies(env, media.id).length > 0;
			case 'is_reply':
				return media.replyToId !== undefined;
			case 'is_reply_owned_by_me':
				return media.replyToId !== undefined ? media.ownerId === viewer.userId : undefined;
			case 'root_post':
				return media.rootId ? { id: media.rootId } : undefined;
			case 'replied_to':
				return media.replyToId ? { id: media.replyToId } : undefined;
			case 'hide_status':
				return media.hideStatus;
			case 'reply_audience':
				return media.replyAudience;
			case 'gif_url':
				return media.gifUrl;
			case 'poll_attachment':
				return media.poll ? pick(pollView(media), field.sub) : undefined;
			case 'topic_tag':
				return media.topicTag;
			case 'is_spoiler_media':
				return media.isSpoilerMedia;
			case 'text_entities':
				return media.textEntities ? { data: media.textEntities } : undefined;
			case 'text_attachment':
				return media.textAttachment;
			case 'location_id':
				return media.locationId;
			case 'location':
				return location ? pick({ ...location }, field.sub) : undefined;
			case 'is_verified':
				return owner?.isVerified ?? false;
			case 'profile_picture_url':
				return owner?.pictureUrl;
			case 'ghost_post_status':
				return media.isGhost ? (env.clock.now() < media.timestamp + DAY_MS ? 'active' : 'archived') : undefined;
			case 'ghost_post_expiration_timestamp':
				return media.isGhost ? metaTimestamp(media.timestamp + DAY_MS) : undefined;
			case 'allowlisted_country_codes':
				return media.allowlistedCountryCodes;
			default:
				return undefined;
		}
	});
}

function pollView(media: MediaRecord): Record<string, unknown> {
	const poll = media.poll!;
	const options = (['option_a', 'option_b', 'option_c', 'option_d'] as const).filter((k) => poll[k] !== undefined);
	const view: Record<string, unknown> = {};
	for (const key of options) {
		view[key] = poll[key];
		view[`${key}_votes_percentage`] = Math.round((1 / options.length) * 100) / 100;
	}
	view.expiration_timestamp = metaTimestamp(media.timestamp + DAY_MS);
	view.total_votes = media.seeded ? 20 : 0;
	return view;
}

// ---- pagination ---------------------------------------------------------------------------------------

export type SortKey = number[];

function compareKeys(a: SortKey, b: SortKey): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const diff = (a[i] ?? 0) - (b[i] ?? 0);
		if (diff !== 0) return diff;
	}
	return 0;
}

const encodeCursor = (key: SortKey) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(name: string, cursor: string): SortKey {
	try {
		const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (Array.isArray(key) && key.every((n) => typeof n === 'number')) return key;
	} catch {
		// fall through
	}
	throw param(`Param ${name} is not a valid cursor`);
}

/** Unix seconds from unix seconds or a strtotime-like date string. */
export function parseTime(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined || raw === '') return undefined;
	if (/^-?\d+$/.test(raw.trim())) return Number(raw.trim());
	const ms = Date.parse(raw);
	if (Number.isNaN(ms)) throw param(`Param ${name} must be a unix timestamp or a date`);
	return Math.floor(ms / 1000);
}

export function parseLimit(ctx: Ctx, max = 100, fallback = 25): number {
	const raw = str(ctx, 'limit');
	if (raw === undefined || raw === '') return fallback;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > max) throw param(`Param limit must be a number between 1 and ${max}`);
	return limit;
}

export interface PageOptions<T> {
	/** Sort key; the list is shown in ascending key order. */
	key: (item: T) => SortKey;
	render: (item: T) => unknown;
	/** When given, since/until filter on it (epoch ms). */
	timestamp?: (item: T) => number;
	earliestSince?: number;
	maxLimit?: number;
}

/** One helper for every list: since/until, limit, before/after cursors, paging.next with the token like Meta. */
export function paginate<T>(ctx: Ctx, all: T[], options: PageOptions<T>): Reply {
	const limit = parseLimit(ctx, options.maxLimit ?? 100);
	let items = [...all];
	if (options.timestamp) {
		const since = parseTime('since', str(ctx, 'since'));
		const until = parseTime('until', str(ctx, 'until'));
		const earliest = options.earliestSince ?? EARLIEST_SINCE;
		if (since !== undefined && since < earliest) throw param(`Param since must be a unix timestamp on or after ${earliest}`);
		if (since !== undefined && until !== undefined && until < since) throw param('Param until must be after since');
		const at = options.timestamp;
		if (since !== undefined) items = items.filter((item) => at(item) >= since * 1000);
		if (until !== undefined) items = items.filter((item) => at(item) <= until * 1000);
	}
	const keyed = items.map((item) => ({ item, key: options.key(item) })).sort((a, b) => compareKeys(a.key, b.key));
	const after = str(ctx, 'after');
	const before = str(ctx, 'before');
	let start = 0;
	let end = keyed.length;
	if (after) {
		const key = decodeCursor('after', after);
		start = keyed.findIndex((k) => compareKeys(k.key, key) > 0);
		if (start < 0) start = keyed.length;
		end = Math.min(keyed.length, start + limit);
	} else if (before) {
		const key = decodeCursor('before', before);
		let stop = keyed.findIndex((k) => compareKeys(k.key, key) >= 0);
		if (stop < 0) stop = keyed.length;
		end = stop;
		start = Math.max(0, stop - limit);
	} else {
		end = Math.min(keyed.length, limit);
	}
	const page = keyed.slice(start, end);
	if (page.length === 0) return json({ data: [] });
	const cursors = { before: encodeCursor(page[0].key), after: encodeCursor(page[page.length - 1].key) };
	const paging: Record<string, unknown> = { cursors };
	if (end < keyed.length) paging.next = nextUrl(ctx, cursors.after);
	return json({ data: page.map((p) => options.render(p.item)), paging });
}

function nextUrl(ctx: Ctx, after: string): string {
	const url = new URL(ctx.path, ctx.baseUrl);
	for (const [name, value] of Object.entries(ctx.query)) {
		if (name !== 'before' && name !== 'after') url.searchParams.set(name, value);
	}
	// Meta's next links always carry the token, even when the request sent it in a header.
	if (ctx.tokenValue && !url.searchParams.has('access_token')) url.searchParams.set('access_token', ctx.tokenValue);
	url.searchParams.set('after', after);
	return url.toString();
}

/** Newest first; seq breaks ties between posts of the same millisecond. */
export const newestFirst = (m: MediaRecord): SortKey => [-m.timestamp, -m.seq];
export const oldestFirst = (m: MediaRecord): SortKey => [m.timestamp, m.seq];

// ---- user lists ----------------------------------------------------------------------------------------

function mediaList(ctx: Ctx, token: TokenRecord, items: MediaRecord[], key = newestFirst): Reply {
	const fields = parseFields(str(ctx, 'fields'), ['id']);
	renderMediaFieldsCheck(fields);
	return paginate(ctx, items, {
		key,
		timestamp: (m) => m.timestamp,
		render: (m) => renderMedia(ctx.env, m, fields, token),
	});
}

/** Unknown fields fail even when the list is empty. */
function renderMediaFieldsCheck(fields: FieldSpec[]): void {
	project(fields, MEDIA_FIELDS, 'ThreadsMedia', () => undefined);
}

function liveOf(env: Env, filter: (m: MediaRecord) => boolean): MediaRecord[] {
	return [...env.state.media.values()].filter((m) => m.deletedAt === undefined && !m.isCarouselChild && filter(m));
}

export function getThreads(ctx: Ctx, pathUserId: string): Reply {
	const token = requireToken(ctx);
	checkOwnUser(token, pathUserId);
	return mediaList(ctx, token, liveOf(ctx.env, (m) => m.ownerId === token.userId && m.replyToId === undefined && !m.isGhost));
}

export function getUserReplies(ctx: Ctx, pathUserId: string): Reply {
	const token = requireToken(ctx, ['threads_read_replies']);
	checkOwnUser(token, pathUserId);
	return mediaList(ctx, token, liveOf(ctx.env, (m) => m.ownerId === token.userId && m.replyToId !== undefined));
}

export function getGhostPosts(ctx: Ctx, pathUserId: string): Reply {
	const token = requireToken(ctx);
	checkOwnUser(token, pathUserId);
	return mediaList(ctx, token, liveOf(ctx.env, (m) => m.ownerId === token.userId && m.isGhost));
}

export function getMentions(ctx: Ctx, pathUserId: string): Reply {
	const token = requireToken(ctx, ['threads_manage_mentions']);
	checkOwnUser(token, pathUserId);
	const username = ctx.env.state.users.get(token.userId)!.username.toLowerCase();
	const mention = new RegExp(`(^|[^\\w.])@${username}\\b`, 'i');
	return mediaList(ctx, token, liveOf(ctx.env, (m) => m.ownerId !== token.userId && mention.test(m.text ?? '')));
}

export function getMedia(ctx: Ctx, media: MediaRecord): Reply {
	const token = requireToken(ctx);
	const fields = parseFields(str(ctx, 'fields'), ['id']);
	return json(renderMedia(ctx.env, media, fields, token));
}

// ---- profile ---------------------------------------------------------------------------------------------

const PROFILE_FIELDS = [
	'id',
	'username',
	'name',
	'threads_profile_picture_url',
	'threads_biography',
	'is_verified',
	'is_eligible_for_geo_gating',
	'recently_searched_keywords',
] as const;

export function getMe(ctx: Ctx, pathUserId: string): Reply {
	const token = requireToken(ctx);
	checkOwnUser(token, pathUserId);
	const user = ctx.env.state.users.get(token.userId) as UserRecord;
	const fields = parseFields(str(ctx, 'fields'), ['id']);
	return json(
		project(fields, PROFILE_FIELDS, 'ThreadsUser', ({ name }) => {
			switch (name) {
				case 'id':
					return user.id;
				case 'username':
					return user.username;
				case 'name':
					return user.name;
				case 'threads_profile_picture_url':
					return user.pictureUrl;
				case 'threads_biography':
					return user.biography;
				case 'is_verified':
					return user.isVerified;
				case 'is_eligible_for_geo_gating':
					return user.isEligibleForGeoGating;
				default:
					return [];
			}
		}),
	);
}

// ---- publishing limit ----------------------------------------------------------------------------------

const LIMIT_FIELDS = [
	'quota_usage',
	'config',
	'reply_quota_usage',
	'reply_config',
	'delete_quota_usage',
	'delete_config',
	'location_search_quota_usage',
	'location_search_config',
] as const;

export function getPublishingLimit(ctx: Ctx, pathUserId: string): Reply {
	const { env } = ctx;
	const token = requireToken(ctx);
	checkOwnUser(token, pathUserId);
	const fields = parseFields(str(ctx, 'fields'), ['quota_usage', 'config']);
	const current = usage(env, token.userId);
	const config = (total: number) => ({ quota_total: total, quota_duration: 86400 });
	const row = project(fields, LIMIT_FIELDS, 'ThreadsPublishingLimit', ({ name }) => {
		switch (name) {
			case 'quota_usage':
				return current.posts;
			case 'config':
				return config(env.config.quotas.posts);
			case 'reply_quota_usage':
				return current.replies;
			case 'reply_config':
				return config(env.config.quotas.replies);
			case 'delete_quota_usage':
				return env.state.countSince(env.state.deletes, token.userId);
			case 'delete_config':
				return config(DELETE_QUOTA);
			case 'location_search_quota_usage':
				return env.state.countSince(env.state.locationSearches, token.userId);
			default:
				return config(LOCATION_SEARCH_QUOTA);
		}
	});
	return json({ data: [row] });
}

export function unsupported(ctx: Ctx): never {
	throw new GraphError(
		400,
		100,
		`Unsupported ${ctx.method.toLowerCase()} request. Object with ID '${ctx.segments[0] ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
		{ subcode: 33 },
	);
}
