import { OPTION_RULES, type OptionLabels } from './optionRules';
import type { PostOptions, PostSpec, WaitSettings } from './postSpec';
import { postProblems, waitProblems } from './postRules';

/**
 * A thread: a root post and its chain of replies, each part a reply to the one before. Pure: the
 * parts' post specifications, their numbering and the rules each part must meet.
 */

export type ThreadNumbering = 'none' | 'slash';
export type PartMediaType = 'TEXT' | 'IMAGE' | 'VIDEO';

export interface ThreadPart {
	text: string;
	mediaType: PartMediaType;
	/** The image or video URL of a media part. */
	mediaUrl?: string;
	altText?: string;
	/** How errors name where the part came from, e.g. "input item 3". */
	source?: string;
}

/** Any valid ID: what the checks see in place of the previous part's ID, not known before it is published. */
const PREVIOUS_PART_STAND_IN = '1';

const VIDEO_EXTENSION = /\.(mp4|mov|m4v)(?:$|[?#])/i;

/** A part's media type from the user's choice: "auto" is text without a URL, video for .mp4/.mov/.m4v, else image. */
export function partMediaType(choice: string, url: string): PartMediaType {
	if (choice === 'TEXT' || choice === 'IMAGE' || choice === 'VIDEO') return choice;
	if (url.trim() === '') return 'TEXT';
	return VIDEO_EXTENSION.test(url) ? 'VIDEO' : 'IMAGE';
}

/** "n/N" on its own line after each part's text, as the splitter numbers (none for a single part). */
export function numberParts(parts: ThreadPart[], numbering: ThreadNumbering): ThreadPart[] {
	if (numbering !== 'slash' || parts.length < 2) return parts;
	return parts.map((part, index) => {
		const label = `${index + 1}/${parts.length}`;
		return { ...part, text: part.text.trim() ? `${part.text.trimEnd()}\n${label}` : label };
	});
}

/** The replies' options a part of this kind takes (Auto-Publish Text on text, Spoiler Media on media). */
function fitting(options: PostOptions, mediaType: PartMediaType): PostOptions {
	const keys = Object.keys(options) as Array<keyof PostOptions>;
	return Object.fromEntries(
		keys
			.filter((key) => OPTION_RULES[key].allowed.includes(mediaType))
			.map((key) => [key, options[key]]),
	) as PostOptions;
}

/**
 * Part k (0-based) as a post: the root with the root's options (checked like Publish's), a reply
 * with those of the replies' options that fit its kind.
 */
export function partSpec(
	part: ThreadPart,
	index: number,
	rootOptions: PostOptions,
	replyOptions: PostOptions,
): PostSpec {
	const options: PostOptions =
		index === 0 ? { ...rootOptions } : fitting(replyOptions, part.mediaType);
	if (part.altText && part.mediaType !== 'TEXT') options.altText = part.altText;
	const spec: PostSpec = { mediaType: part.mediaType, text: part.text, options };
	if (part.mediaType === 'IMAGE') spec.imageUrl = part.mediaUrl ?? '';
	if (part.mediaType === 'VIDEO') spec.videoUrl = part.mediaUrl ?? '';
	return spec;
}

/** A reply part aimed at the part before it. */
export function asReplyTo(spec: PostSpec, previousId: string): PostSpec {
	return { ...spec, options: { ...spec.options, replyToId: previousId } };
}

/** How messages name part k (0-based) of a thread of `count`. */
export function partName(index: number, count: number, part?: ThreadPart): string {
	const role = index === 0 ? ' (the root post)' : '';
	const from = part?.source ? `, ${part.source}` : '';
	return `Part ${index + 1} of ${count}${role}${from}`;
}

/**
 * Every rule a part breaks, each naming the part, then the field and the rule (the same post rules
 * as Publish: a reply is checked as a reply, with a stand-in for the ID it will answer).
 */
export function threadProblems(
	parts: ThreadPart[],
	specs: PostSpec[],
	wait: WaitSettings,
	labels: OptionLabels,
): string[] {
	if (specs.length === 0) {
		return ['The thread has no parts: give a text, list parts, or send at least one input item'];
	}
	const problems = specs.flatMap((spec, index) => {
		const checked = index === 0 ? spec : asReplyTo(spec, PREVIOUS_PART_STAND_IN);
		const name = partName(index, specs.length, parts[index]);
		// The part's media is one field here, whatever its kind.
		return postProblems(checked, labels).map(
			(problem) => `${name}: ${problem.replace(/^(?:Image|Video) URL/, 'Media URL')}`,
		);
	});
	return [...problems, ...waitProblems(wait)];
}
