import { randomBytes } from 'node:crypto';
import type { ContainerKind, MediaDownload, SandboxClock } from './types.mts';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const SHORT_LIVED_MS = HOUR_MS;
export const LONG_LIVED_MS = 60 * DAY_MS;
export const CODE_LIFETIME_MS = HOUR_MS;

export const ALL_SCOPES = [
	'threads_basic',
	'threads_content_publish',
	'threads_read_replies',
	'threads_manage_replies',
	'threads_manage_insights',
	'threads_keyword_search',
	'threads_manage_mentions',
	'threads_delete',
	'threads_location_tagging',
	'threads_profile_discovery',
	'threads_share_to_instagram',
] as const;

export interface UserRecord {
	id: string;
	username: string;
	name: string;
	biography: string;
	pictureUrl: string;
	isVerified: boolean;
	followers: number;
	isEligibleForGeoGating: boolean;
	isPublic: boolean;
}

export interface TokenRecord {
	value: string;
	userId: string;
	kind: 'short' | 'long';
	scopes: string[];
	issuedAt: number;
	expiresAt: number;
	/** Set when a refresh replaced this token (refreshInvalidatesOld). */
	invalidatedAt?: number;
}

export interface CodeRecord {
	value: string;
	userId: string;
	scopes: string[];
	redirectUri?: string;
	createdAt: number;
	usedAt?: number;
}

export interface ContainerRecord {
	id: string;
	userId: string;
	kind: ContainerKind;
	params: Record<string, unknown>;
	text?: string;
	isCarouselItem: boolean;
	childrenIds?: string[];
	createdAt: number;
	processingMs: number;
	/** When processing ends it goes ERROR with this message instead of FINISHED. */
	errorMessage?: string;
	/** The media URL's download, when made: IN_PROGRESS while pending. */
	download?: MediaDownload;
	/** Processing time counts from here (the download's end) instead of createdAt. */
	processingFrom?: number;
	publishedMediaId?: string;
	publishedAt?: number;
	/** Item of a carousel that was published. */
	publishedWithParent?: string;
}

export interface PollRecord {
	option_a: string;
	option_b: string;
	option_c?: string;
	option_d?: string;
}

export interface MediaRecord {
	id: string;
	seq: number;
	ownerId: string;
	containerId?: string;
	/** Read value: TEXT_POST | IMAGE | VIDEO | CAROUSEL_ALBUM | REPOST_FACADE */
	mediaType: string;
	text?: string;
	timestamp: number;
	shortcode: string;
	mediaUrl?: string;
	thumbnailUrl?: string;
	altText?: string;
	linkAttachmentUrl?: string;
	childrenIds?: string[];
	isCarouselChild?: boolean;
	quotedPostId?: string;
	repostedPostId?: string;
	replyToId?: string;
	rootId?: string;
	hideStatus: string;
	replyAudience: string;
	approvalStatus?: 'pending' | 'ignored' | 'approved';
	enableReplyApprovals: boolean;
	gifUrl?: string;
	poll?: PollRecord;
	topicTag?: string;
	isSpoilerMedia: boolean;
	textEntities?: unknown[];
	textAttachment?: Record<string, unknown>;
	locationId?: string;
	isGhost: boolean;
	allowlistedCountryCodes?: string[];
	metrics: { views: number; likes: number; reposts: number; quotes: number; shares: number };
	deletedAt?: number;
	seeded: boolean;
}

export interface LocationRecord {
	id: string;
	name: string;
	address: string;
	city: string;
	country: string;
	latitude: number;
	longitude: number;
	postal_code: string;
}

export const DEFAULT_USER_ID = '17841400000000001';
export const CREATOR_USER_ID = '17841400000000002';
export const SMALL_USER_ID = '17841400000000003';

export function seedUsers(): UserRecord[] {
	return [
		{
			id: DEFAULT_USER_ID,
			username: 'sandbox_user',
			name: 'Sandbox User',
			biography: 'Default account of the local Threads sandbox',
			pictureUrl: 'https://sandbox.threads.local/pictures/sandbox_user.jpg',
			isVerified: false,
			followers: 240,
			isEligibleForGeoGating: true,
			isPublic: true,
		},
		{
			id: CREATOR_USER_ID,
			username: 'public_creator',
			name: 'Public Creator',
			biography: 'A public profile with a few posts to read',
			pictureUrl: 'https://sandbox.threads.local/pictures/public_creator.jpg',
			isVerified: true,
			followers: 150,
			isEligibleForGeoGating: false,
			isPublic: true,
		},
		{
			id: SMALL_USER_ID,
			username: 'small_account',
			name: 'Small Account',
			biography: 'Fewer than 100 followers',
			pictureUrl: 'https://sandbox.threads.local/pictures/small_account.jpg',
			isVerified: false,
			followers: 12,
			isEligibleForGeoGating: false,
			isPublic: true,
		},
	];
}

/** All mutable state; reset() makes a new one. */
export class SandboxState {
	users = new Map<string, UserRecord>();
	tokens = new Map<string, TokenRecord>();
	codes = new Map<string, CodeRecord>();
	containers = new Map<string, ContainerRecord>();
	media = new Map<string, MediaRecord>();
	locations = new Map<string, LocationRecord>();
	/** Times (sandbox clock) of quota-counted actions, per user. */
	deletes = new Map<string, number[]>();
	locationSearches = new Map<string, number[]>();
	keywordSearches = new Map<string, number[]>();
	private containerCounter = 0;
	private mediaCounter = 0;
	private mediaSeq = 0;

	constructor(readonly clock: SandboxClock) {
		for (const user of seedUsers()) this.users.set(user.id, user);
		seedContent(this);
	}

	nextContainerId(): string {
		return `1789${String(++this.containerCounter).padStart(13, '0')}`;
	}

	nextMediaId(): { id: string; seq: number; shortcode: string } {
		const n = ++this.mediaCounter;
		const seq = ++this.mediaSeq;
		return { id: `1806${String(n).padStart(13, '0')}`, seq, shortcode: shortcodeFor(n) };
	}

	userByName(username: string): UserRecord | undefined {
		const wanted = username.replace(/^@/, '').toLowerCase();
		return [...this.users.values()].find((u) => u.username.toLowerCase() === wanted);
	}

	liveMedia(id: string): MediaRecord | undefined {
		const media = this.media.get(id);
		return media && media.deletedAt === undefined ? media : undefined;
	}

	addMedia(fields: Omit<MediaRecord, 'id' | 'seq' | 'shortcode' | 'hideStatus' | 'replyAudience' | 'enableReplyApprovals' | 'isSpoilerMedia' | 'isGhost' | 'metrics' | 'seeded'> & Partial<MediaRecord>): MediaRecord {
		const { id, seq, shortcode } = this.nextMediaId();
		const record: MediaRecord = {
			hideStatus: fields.replyToId ? 'NOT_HUSHED' : 'NOT_HUSHED',
			replyAudience: 'EVERYONE',
			enableReplyApprovals: false,
			isSpoilerMedia: false,
			isGhost: false,
			metrics: { views: 0, likes: 0, reposts: 0, quotes: 0, shares: 0 },
			seeded: false,
			...fields,
			id,
			seq,
			shortcode,
		};
		this.media.set(id, record);
		return record;
	}

	countSince(list: Map<string, number[]>, userId: string, windowMs = DAY_MS): number {
		const since = this.clock.now() - windowMs;
		return (list.get(userId) ?? []).filter((t) => t > since).length;
	}

	record(list: Map<string, number[]>, userId: string): void {
		const times = list.get(userId) ?? [];
		times.push(this.clock.now());
		list.set(userId, times);
	}
}

export function newTokenValue(): string {
	// Looks like Meta's long tokens (they start with "TH"); distinctive so leak checks can grep for it.
	return `THAA${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function newCodeValue(): string {
	return `AQ${randomBytes(24).toString('base64url')}`;
}

function shortcodeFor(n: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
	let value = n * 7919 + 104729;
	let out = '';
	while (out.length < 10) {
		out += alphabet[value % 64];
		value = Math.floor(value / 64) + n * 31 + out.length;
	}
	return `D${out}`;
}

function seedContent(state: SandboxState): void {
	const now = state.clock.now();
	const locations: LocationRecord[] = [
		{
			id: '107000000000001',
			name: 'Menlo Park',
			address: '1 Hacker Way',
			city: 'Menlo Park',
			country: 'US',
			latitude: 37.4847,
			longitude: -122.1477,
			postal_code: '94025',
		},
		{
			id: '107000000000002',
			name: 'Eiffel Tower',
			address: 'Champ de Mars, 5 Av. Anatole France',
			city: 'Paris',
			country: 'FR',
			latitude: 48.8584,
			longitude: 2.2945,
			postal_code: '75007',
		},
		{
			id: '107000000000003',
			name: 'Brandenburg Gate',
			address: 'Pariser Platz',
			city: 'Berlin',
			country: 'DE',
			latitude: 52.5163,
			longitude: 13.3777,
			postal_code: '10117',
		},
	];
	for (const location of locations) state.locations.set(location.id, location);

	const texts = [
		{ text: 'Hello from the public creator! #sandbox', topicTag: 'sandbox', likes: 42 },
		{ text: 'Automation tips: always poll the container status before publishing.', topicTag: 'automation', likes: 120 },
		{ text: 'Shout-out to @sandbox_user for testing the API with us.', likes: 7 },
		{ text: 'Pictures from Paris', image: true, likes: 64, locationId: '107000000000002' },
		{ text: 'What do you prefer?', poll: true, likes: 15 },
		{ text: 'Hey @sandbox_user, have you tried the new n8n node?', likes: 3 },
	];
	const posts: MediaRecord[] = [];
	texts.forEach((spec, index) => {
		const timestamp = now - (texts.length - index) * 6 * HOUR_MS - 2 * DAY_MS;
		posts.push(
			state.addMedia({
				ownerId: CREATOR_USER_ID,
				mediaType: spec.image ? 'IMAGE' : 'TEXT_POST',
				text: spec.text,
				timestamp,
				topicTag: spec.topicTag,
				mediaUrl: spec.image ? 'https://sandbox.threads.local/media/paris.jpg' : undefined,
				altText: spec.image ? 'The Eiffel Tower at dusk' : undefined,
				locationId: spec.locationId,
				poll: spec.poll ? { option_a: 'Tabs', option_b: 'Spaces' } : undefined,
				metrics: { views: spec.likes * 25, likes: spec.likes, reposts: index, quotes: 0, shares: index * 2 },
				seeded: true,
			}),
		);
	});
	// A small conversation under the first two posts: a reply, a nested reply and a top-level reply.
	const [first, second] = posts;
	const reply1 = state.addMedia({
		ownerId: SMALL_USER_ID,
		mediaType: 'TEXT_POST',
		text: 'Great post!',
		timestamp: first.timestamp + HOUR_MS,
		replyToId: first.id,
		rootId: first.id,
		seeded: true,
	});
	state.addMedia({
		ownerId: CREATOR_USER_ID,
		mediaType: 'TEXT_POST',
		text: 'Thanks!',
		timestamp: first.timestamp + 2 * HOUR_MS,
		replyToId: reply1.id,
		rootId: first.id,
		seeded: true,
	});
	state.addMedia({
		ownerId: SMALL_USER_ID,
		mediaType: 'TEXT_POST',
		text: 'Agreed, polling saved my workflow.',
		timestamp: second.timestamp + HOUR_MS,
		replyToId: second.id,
		rootId: second.id,
		seeded: true,
	});
	state.addMedia({
		ownerId: CREATOR_USER_ID,
		mediaType: 'TEXT_POST',
		text: 'Second reply on the first post',
		timestamp: first.timestamp + 3 * HOUR_MS,
		replyToId: first.id,
		rootId: first.id,
		seeded: true,
	});
}
