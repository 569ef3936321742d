import type { PostMediaType, PostOptions, PostSpec } from './postSpec';

/** Which container options Meta accepts on which kind of post, and which exclude each other. */

type OptionKey = keyof PostOptions;

interface OptionRule {
	label: string;
	allowed: PostMediaType[];
	/** Carousel items carry only their media and alt text; the rest belongs to the carousel. */
	onCarouselItem?: boolean;
}

const ALL: PostMediaType[] = ['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'];

/** Where Meta accepts each option (its documentation and the Postman collection). */
export const OPTION_RULES: Record<OptionKey, OptionRule> = {
	altText: { label: 'Alt Text', allowed: ['IMAGE', 'VIDEO'], onCarouselItem: true },
	replyToId: { label: 'Reply To ID', allowed: ALL },
	replyControl: { label: 'Reply Control', allowed: ALL },
	quotePostId: { label: 'Quote Post ID', allowed: ALL },
	linkAttachment: { label: 'Link Attachment', allowed: ['TEXT'] },
	topicTag: { label: 'Topic Tag', allowed: ALL },
	pollOptions: { label: 'Poll', allowed: ['TEXT'] },
	gifId: { label: 'GIF ID', allowed: ['TEXT'] },
	textSpoilers: { label: 'Text Spoilers', allowed: ALL },
	spoilerMedia: { label: 'Spoiler Media', allowed: ['IMAGE', 'VIDEO', 'CAROUSEL'] },
	textAttachment: { label: 'Text Attachment', allowed: ['TEXT'] },
	ghostPost: { label: 'Ghost Post', allowed: ['TEXT'] },
	replyApprovals: { label: 'Reply Approvals', allowed: ALL },
	locationId: { label: 'Location ID', allowed: ALL },
	allowlistedCountries: { label: 'Allowlisted Countries', allowed: ALL },
	autoPublishText: { label: 'Auto-Publish Text', allowed: ['TEXT'] },
	shareToInstagram: { label: 'Share to Instagram', allowed: ALL },
};

export type OptionLabels = Record<OptionKey, string>;

/** The options as version 1 names them (ids as text fields). */
export const OPTION_LABELS = Object.fromEntries(
	Object.entries(OPTION_RULES).map(([key, rule]) => [key, rule.label]),
) as OptionLabels;

/** From version 2 on, the ids are resource locators named after what they pick. */
export const LOCATOR_OPTION_LABELS: OptionLabels = {
	...OPTION_LABELS,
	replyToId: 'Reply To',
	quotePostId: 'Quote Post',
	locationId: 'Location',
};

const KIND_NAMES: Record<PostMediaType, string> = {
	TEXT: 'text posts',
	IMAGE: 'image posts',
	VIDEO: 'video posts',
	CAROUSEL: 'carousels',
};

export function isSet(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === '') return false;
	if (Array.isArray(value)) return value.some((entry) => isSet(entry));
	return true;
}

export function optionPlacementProblems(
	spec: PostSpec,
	labels: OptionLabels = OPTION_LABELS,
): string[] {
	const problems: string[] = [];
	for (const [key, rule] of Object.entries(OPTION_RULES) as Array<[OptionKey, OptionRule]>) {
		if (!isSet(spec.options[key])) continue;
		if (!rule.allowed.includes(spec.mediaType)) {
			problems.push(
				`${labels[key]} is only allowed on ${rule.allowed.map((kind) => KIND_NAMES[kind]).join(', ')}; this is a ${spec.mediaType.toLowerCase()} post`,
			);
		} else if (spec.isCarouselItem && !rule.onCarouselItem) {
			problems.push(
				`${labels[key]} cannot be set on a carousel item: set it on the carousel container instead`,
			);
		}
	}
	return problems;
}

const EXCLUSIVE: Array<[OptionKey, OptionKey]> = [
	['pollOptions', 'linkAttachment'],
	['pollOptions', 'textAttachment'],
	['textAttachment', 'linkAttachment'],
	['ghostPost', 'replyToId'],
];

export function exclusionProblems(
	options: PostOptions,
	labels: OptionLabels = OPTION_LABELS,
): string[] {
	return EXCLUSIVE.filter(([a, b]) => isSet(options[a]) && isSet(options[b])).map(
		([a, b]) =>
			`${labels[a]} and ${labels[b]} cannot be combined on one post (Threads allows only one of them)`,
	);
}
