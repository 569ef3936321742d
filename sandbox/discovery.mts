// Replies management, insights, discovery (search, profiles, locations, oEmbed), repost and delete.
import { requireToken } from './auth.mts';
import { metaTimestamp } from './clock.mts';
import { type Ctx, type Env, type Reply, json, str } from './context.mts';
import { GraphError, nonexistingObject, param, permissionDenied } from './errors.mts';
import { type FieldSpec, parseFields, project } from './fields.mts';
import { DELETE_QUOTA, KEYWORD_SEARCH_QUOTA, LOCATION_SEARCH_QUOTA, checkOwnUser, permalink } from './publishing.mts';
import {
	MEDIA_FIELDS,
	newestFirst,
	oldestFirst,
	paginate,
	parseTime,
	renderMedia,
	visibleReplies,
} from './reads.mts';
import { DAY_MS, type LocationRecord, type MediaRecord, type TokenRecord } from './state.mts';

const EARLIEST_INSIGHTS_SINCE = 1712991600;

export function liveOrThrow(ctx: Ctx, id: string, method = 'get'): MediaRecord {
	requireToken(ctx);
	const media = ctx.env.state.liveMedia(id);
	if (!media) throw nonexistingObject(id, method);
	return media;
}

export function unknownObject(ctx: Ctx): Reply {
	requireToken(ctx);
	throw nonexistingObject(ctx.segments[0] ?? '', ctx.method.toLowerCase());
}

function quotaError(what: string): GraphError {
	return new GraphError(400, 9, `You have reached the maximum number of ${what} allowed in 24 hours`, {
		type: 'THApiException',
	});
}

function mediaFields(ctx: Ctx): FieldSpec[] {
	const fields = parseFields(str(ctx, 'fields'), ['id']);
	project(fields, MEDIA_FIELDS, 'ThreadsMedia', () => undefined);
	return fields;
}

function list(ctx: Ctx, token: TokenRecord, items: MediaRecord[], key = newestFirst): Reply {
	const fields = mediaFields(ctx);
	return paginate(ctx, items, { key, timestamp: (m) => m.timestamp, render: (m) => renderMedia(ctx.env, m, fields, token) });
}

function reverseOrder(ctx: Ctx) {
	const reverse = str(ctx, 'reverse');
	if (reverse !== undefined && reverse !== 'true' && reverse !== 'false') throw param('Param reverse must be a boolean');
	return reverse === 'false' ? oldestFirst : newestFirst;
}

// ---- replies ---------------------------------------------------------------------------------------------

export function getMediaReplies(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_read_replies']);
	const media = liveOrThrow(ctx, id);
	return list(ctx, token, visibleReplies(ctx.env, media.id), reverseOrder(ctx));
}

export function getConversation(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_read_replies']);
	const media = liveOrThrow(ctx, id);
	const all: MediaRecord[] = [];
	const queue = [media.id];
	while (queue.length) {
		for (const reply of visibleReplies(ctx.env, queue.shift()!)) {
			all.push(reply);
			queue.push(reply.id);
		}
	}
	return list(ctx, token, all, reverseOrder(ctx));
}

function ownRootReply(ctx: Ctx, token: TokenRecord, id: string): MediaRecord {
	const reply = liveOrThrow(ctx, id, 'post');
	if (reply.replyToId === undefined) throw param(`Media ${id} is not a reply`);
	const root = ctx.env.state.media.get(reply.rootId ?? reply.replyToId);
	if (!root || root.ownerId !== token.userId) throw permissionDenied();
	return reply;
}

export function manageReply(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_manage_replies']);
	const hide = str(ctx, 'hide');
	if (hide !== 'true' && hide !== 'false') throw param('The parameter hide is required and must be true or false');
	const reply = ownRootReply(ctx, token, id);
	reply.hideStatus = hide === 'true' ? 'HIDDEN' : 'UNHUSHED';
	return json({ success: true });
}

export function getPendingReplies(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_read_replies', 'threads_manage_replies']);
	const media = liveOrThrow(ctx, id);
	if (media.ownerId !== token.userId) throw permissionDenied();
	const status = str(ctx, 'approval_status') ?? 'pending';
	if (status !== 'pending' && status !== 'ignored') throw param('Param approval_status must be one of {pending, ignored}');
	const items = [...ctx.env.state.media.values()].filter(
		(m) => m.deletedAt === undefined && (m.rootId ?? m.replyToId) === media.id && m.approvalStatus === status,
	);
	return list(ctx, token, items, reverseOrder(ctx));
}

export function managePendingReply(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_manage_replies']);
	const approve = str(ctx, 'approve');
	if (approve !== 'true' && approve !== 'false') throw param('The parameter approve is required and must be true or false');
	const reply = ownRootReply(ctx, token, id);
	if (reply.approvalStatus !== 'pending' && reply.approvalStatus !== 'ignored') {
		throw param(`Reply ${id} is not pending approval`);
	}
	reply.approvalStatus = approve === 'true' ? 'approved' : 'ignored';
	return json({ success: true });
}

// ---- insights ------------------------------------------------------------------------------------------

const MEDIA_METRICS: Record<string, { title: string; description: string; idName?: string }> = {
	views: { title: 'Views', description: 'The number of times your post was viewed.' },
	likes: { title: 'Likes', description: 'The number of likes on your post.' },
	replies: { title: 'Replies', description: 'The number of replies on your post.', idName: 'thread_replies' },
	reposts: { title: 'Reposts', description: 'The number of times your post was reposted.' },
	quotes: { title: 'Quotes', description: 'The number of times your post was quoted.' },
	shares: { title: 'Shares', description: 'The number of times your post was shared.' },
};

function metricList(ctx: Ctx, allowed: string[]): string[] {
	const raw = str(ctx, 'metric');
	if (!raw) throw param('The parameter metric is required');
	const metrics = raw.split(',').map((m) => m.trim()).filter(Boolean);
	for (const metric of metrics) {
		if (!allowed.includes(metric)) throw param(`Param metric must be one of {${allowed.join(', ')}}; got ${metric}`);
	}
	return metrics;
}

function mediaMetric(env: Env, media: MediaRecord, name: string): number {
	const all = [...env.state.media.values()].filter((m) => m.deletedAt === undefined);
	switch (name) {
		case 'replies':
			return visibleReplies(env, media.id).length;
		case 'reposts':
			return media.metrics.reposts + all.filter((m) => m.repostedPostId === media.id).length;
		case 'quotes':
			return media.metrics.quotes + all.filter((m) => m.quotedPostId === media.id).length;
		default:
			return media.metrics[name as 'views' | 'likes' | 'shares'];
	}
}

export function getMediaInsights(ctx: Ctx, id: string): Reply {
	const token = requireToken(ctx, ['threads_manage_insights']);
	const media = liveOrThrow(ctx, id);
	if (media.ownerId !== token.userId) throw permissionDenied();
	const metrics = metricList(ctx, Object.keys(MEDIA_METRICS));
	return json({
		data: metrics.map((name) => ({
			name,
			period: 'lifetime',
			values: [{ value: mediaMetric(ctx.env, media, name) }],
			title: MEDIA_METRICS[name].title,
			description: MEDIA_METRICS[name].description,
			id: `${media.id}/insights/${MEDIA_METRICS[name].idName ?? name}/lifetime`,
		})),
	});
}

const USER_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'clicks', 'followers_count', 'follower_demographics'];
const BREAKDOWNS: Record<string, string[]> = {
	country: ['US', 'FR', 'DE', 'BR'],
	city: ['Menlo Park, California', 'Paris, Ile-de-France', 'Berlin, Berlin'],
	age: ['18-24', '25-34', '35-44', '45-54'],
	gender: ['F', 'M', 'U'],
};

export function getUserInsights(ctx: Ctx, pathUserId: string): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_manage_insights']);
	checkOwnUser(token, pathUserId);
	const metrics = metricList(ctx, USER_METRICS);
	const nowSec = Math.floor(env.clock.now() / 1000);
	const since = parseTime('since', str(ctx, 'since'));
	const until = parseTime('until', str(ctx, 'until')) ?? nowSec;
	if (since !== undefined && since < EARLIEST_INSIGHTS_SINCE) {
		throw param(`Param since must be a unix timestamp on or after ${EARLIEST_INSIGHTS_SINCE}`);
	}
	const from = since ?? until - 2 * 86400;
	if (until < from) throw param('Param until must be after since');
	const user = env.state.users.get(token.userId)!;
	const own = [...env.state.media.values()].filter(
		(m) => m.ownerId === token.userId && m.deletedAt === undefined && !m.isCarouselChild && m.timestamp >= from * 1000 && m.timestamp <= until * 1000,
	);
	const base = (name: string) => ({ name, period: 'day', title: name, id: `${user.id}/insights/${name}/day` });
	const data = metrics.map((name) => {
		switch (name) {
			case 'views': {
				const values: { value: number; end_time: string }[] = [];
				for (let day = Math.floor(from / 86400); day * 86400 < until; day++) {
					const start = day * 86400 * 1000;
					const count = own.filter((m) => m.timestamp >= start && m.timestamp < start + DAY_MS).length;
					values.push({ value: 10 + count * 25, end_time: metaTimestamp(start + DAY_MS + 7 * 3600 * 1000) });
				}
				return { ...base(name), values, description: 'The number of times your profile was viewed.' };
			}
			case 'clicks':
				return {
					...base(name),
					description: 'The number of clicks on links in your posts.',
					link_total_values: own.filter((m) => m.linkAttachmentUrl).map((m) => ({ value: 3, link_url: m.linkAttachmentUrl })),
				};
			case 'followers_count':
				return { ...base(name), description: 'This is your total number of followers on Threads.', total_value: { value: user.followers } };
			case 'follower_demographics': {
				const breakdown = str(ctx, 'breakdown');
				if (!breakdown || !BREAKDOWNS[breakdown]) {
					throw param('follower_demographics requires exactly one breakdown: country, city, age or gender');
				}
				if (user.followers < 100) throw param('follower_demographics is only available for profiles with at least 100 followers');
				const keys = BREAKDOWNS[breakdown];
				const results = keys.map((key, index) => ({
					dimension_values: [key],
					value: Math.floor(user.followers / keys.length) + (index === 0 ? user.followers % keys.length : 0),
				}));
				return {
					...base(name),
					period: 'lifetime',
					description: 'The demographic characteristics of your followers.',
					total_value: { breakdowns: [{ dimension_keys: [breakdown], results }] },
					id: `${user.id}/insights/follower_demographics/lifetime`,
				};
			}
			default: {
				const value = own.reduce((sum, m) => sum + mediaMetric(env, m, name), 0);
				return { ...base(name), description: `The number of ${name} on your posts.`, total_value: { value } };
			}
		}
	});
	return json({ data });
}

// ---- discovery -------------------------------------------------------------------------------------------

const SEARCH_MEDIA_TYPES: Record<string, string> = { TEXT: 'TEXT_POST', IMAGE: 'IMAGE', VIDEO: 'VIDEO' };

export function keywordSearch(ctx: Ctx): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_keyword_search']);
	const q = str(ctx, 'q');
	if (!q) throw param('The parameter q is required');
	const searchType = str(ctx, 'search_type') ?? 'TOP';
	if (searchType !== 'TOP' && searchType !== 'RECENT') throw param('Param search_type must be one of {TOP, RECENT}');
	const mode = str(ctx, 'search_mode') ?? 'KEYWORD';
	if (mode !== 'KEYWORD' && mode !== 'TAG') throw param('Param search_mode must be one of {KEYWORD, TAG}');
	const mediaType = str(ctx, 'media_type');
	if (mediaType !== undefined && !SEARCH_MEDIA_TYPES[mediaType]) throw param('Param media_type must be one of {TEXT, IMAGE, VIDEO}');
	const author = str(ctx, 'author_username');
	if (env.state.countSince(env.state.keywordSearches, token.userId) >= KEYWORD_SEARCH_QUOTA) throw quotaError('keyword searches');
	const needle = q.replace(/^#/, '').toLowerCase();
	const items = [...env.state.media.values()].filter((m) => {
		if (m.deletedAt !== undefined || m.isCarouselChild || m.isGhost || m.replyToId !== undefined) return false;
		const owner = env.state.users.get(m.ownerId);
		if (!owner?.isPublic) return false;
		if (author !== undefined && owner.username.toLowerCase() !== author.replace(/^@/, '').toLowerCase()) return false;
		if (mediaType !== undefined && m.mediaType !== SEARCH_MEDIA_TYPES[mediaType]) return false;
		return mode === 'TAG' ? (m.topicTag ?? '').toLowerCase() === needle : (m.text ?? '').toLowerCase().includes(needle);
	});
	if (items.length > 0) env.state.record(env.state.keywordSearches, token.userId);
	const fields = mediaFields(ctx);
	return paginate(ctx, items, {
		key: searchType === 'TOP' ? (m) => [-m.metrics.likes, -m.timestamp, -m.seq] : newestFirst,
		timestamp: (m) => m.timestamp,
		render: (m) => renderMedia(env, m, fields, token),
	});
}

const PUBLIC_PROFILE_FIELDS = [
	'username',
	'name',
	'profile_picture_url',
	'biography',
	'is_verified',
	'follower_count',
	'likes_count',
	'quotes_count',
	'replies_count',
	'reposts_count',
	'views_count',
] as const;

function publicProfile(ctx: Ctx) {
	const username = str(ctx, 'username');
	if (!username) throw param('The parameter username is required');
	const user = ctx.env.state.userByName(username);
	if (!user || !user.isPublic || user.followers < 100) {
		throw param(`No public profile found for username ${username} (profiles must be public with at least 100 followers)`);
	}
	return user;
}

export function profileLookup(ctx: Ctx): Reply {
	const { env } = ctx;
	requireToken(ctx, ['threads_profile_discovery']);
	const user = publicProfile(ctx);
	const posts = [...env.state.media.values()].filter((m) => m.ownerId === user.id && m.deletedAt === undefined && !m.isCarouselChild);
	const sum = (metric: string) => posts.reduce((total, m) => total + mediaMetric(env, m, metric), 0);
	const fields = parseFields(str(ctx, 'fields'), [...PUBLIC_PROFILE_FIELDS]);
	return json(
		project(fields, PUBLIC_PROFILE_FIELDS, 'ThreadsPublicProfile', ({ name }) => {
			switch (name) {
				case 'username':
					return user.username;
				case 'name':
					return user.name;
				case 'profile_picture_url':
					return user.pictureUrl;
				case 'biography':
					return user.biography;
				case 'is_verified':
					return user.isVerified;
				case 'follower_count':
					return user.followers;
				default:
					return sum(name.replace(/_count$/, ''));
			}
		}),
	);
}

export function profilePosts(ctx: Ctx): Reply {
	const token = requireToken(ctx, ['threads_profile_discovery']);
	const user = publicProfile(ctx);
	const items = [...ctx.env.state.media.values()].filter(
		(m) => m.ownerId === user.id && m.deletedAt === undefined && !m.isCarouselChild && !m.isGhost && m.replyToId === undefined,
	);
	return list(ctx, token, items);
}

const LOCATION_FIELDS = ['id', 'name', 'address', 'city', 'country', 'latitude', 'longitude', 'postal_code'] as const;

function renderLocation(location: LocationRecord, fields: FieldSpec[]) {
	return project(fields, LOCATION_FIELDS, 'ThreadsLocation', ({ name }) => location[name as keyof LocationRecord]);
}

export function locationSearch(ctx: Ctx): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_location_tagging']);
	const q = str(ctx, 'q') ?? str(ctx, 'query');
	const latRaw = str(ctx, 'latitude');
	const lonRaw = str(ctx, 'longitude');
	if (!q && (latRaw === undefined || lonRaw === undefined)) {
		throw param('The parameter q (or latitude and longitude) is required');
	}
	if (env.state.countSince(env.state.locationSearches, token.userId) >= LOCATION_SEARCH_QUOTA) {
		throw quotaError('location searches');
	}
	let results = [...env.state.locations.values()];
	if (q) {
		const needle = q.toLowerCase();
		results = results.filter((l) => [l.name, l.city, l.address].some((s) => s.toLowerCase().includes(needle)));
	}
	if (latRaw !== undefined && lonRaw !== undefined) {
		const lat = Number(latRaw);
		const lon = Number(lonRaw);
		if (!Number.isFinite(lat) || Math.abs(lat) > 90 || !Number.isFinite(lon) || Math.abs(lon) > 180) {
			throw param('Params latitude and longitude must be valid coordinates');
		}
		const distance = (l: LocationRecord) => (l.latitude - lat) ** 2 + (l.longitude - lon) ** 2;
		results = results.filter((l) => distance(l) < 1).sort((a, b) => distance(a) - distance(b));
	}
	env.state.record(env.state.locationSearches, token.userId);
	const fields = parseFields(str(ctx, 'fields'), ['id', 'name']);
	return json({ data: results.map((l) => renderLocation(l, fields)) });
}

export function getLocation(ctx: Ctx, location: LocationRecord): Reply {
	requireToken(ctx, ['threads_location_tagging']);
	return json(renderLocation(location, parseFields(str(ctx, 'fields'), ['id'])));
}

export function oembed(ctx: Ctx): Reply {
	const { env } = ctx;
	const url = str(ctx, 'url');
	if (!url) throw param('The parameter url is required');
	const match = /^https:\/\/(?:www\.)?threads\.(?:net|com)\/@([\w.]+)\/post\/([\w-]+)\/?(?:\?.*)?$/.exec(url);
	const media = match
		? [...env.state.media.values()].find(
				(m) => m.shortcode === match[2] && m.deletedAt === undefined && env.state.users.get(m.ownerId)?.username === match[1],
			)
		: undefined;
	if (!media) throw param('Param url must be the permalink of a public Threads post');
	const maxwidth = str(ctx, 'maxwidth');
	let width = 658;
	if (maxwidth !== undefined) {
		width = Number(maxwidth);
		if (!Number.isInteger(width) || width < 320 || width > 658) throw param('Param maxwidth must be between 320 and 658');
	}
	const link = permalink(env, media);
	const username = env.state.users.get(media.ownerId)!.username;
	return json({
		type: 'rich',
		version: '1.0',
		html: `<blockquote class="text-post-media" data-text-post-permalink="${link}" data-text-post-version="0" id="ig-tp-${media.shortcode}" style="max-width:${width}px;"><a href="${link}" target="_blank">Post by @${username}</a></blockquote><script async src="https://www.threads.net/embed.js"></script>`,
		provider_name: 'Threads',
		provider_url: 'https://www.threads.net/',
		width,
	});
}

// ---- repost and delete -------------------------------------------------------------------------------------

export function repost(ctx: Ctx, id: string): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_content_publish']);
	const media = liveOrThrow(ctx, id, 'post');
	if (media.isGhost || media.mediaType === 'REPOST_FACADE') throw param(`Media ${id} cannot be reposted`);
	const already = [...env.state.media.values()].some(
		(m) => m.ownerId === token.userId && m.repostedPostId === id && m.deletedAt === undefined,
	);
	if (already) throw param('You have already reposted this post');
	const facade = env.state.addMedia({
		ownerId: token.userId,
		mediaType: 'REPOST_FACADE',
		timestamp: env.clock.now(),
		repostedPostId: id,
	});
	return json({ id: facade.id });
}

export function deleteMedia(ctx: Ctx, id: string): Reply {
	const { env } = ctx;
	const token = requireToken(ctx, ['threads_delete']);
	const media = env.state.liveMedia(id);
	if (!media || media.ownerId !== token.userId || media.isCarouselChild) throw nonexistingObject(id, 'delete');
	if (env.state.countSince(env.state.deletes, token.userId) >= DELETE_QUOTA) throw quotaError('deletes');
	const now = env.clock.now();
	media.deletedAt = now;
	for (const childId of media.childrenIds ?? []) env.state.media.get(childId)!.deletedAt = now;
	env.state.record(env.state.deletes, token.userId);
	env.events.deleted(media);
	return json({ success: true, deleted_id: id });
}
