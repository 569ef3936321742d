import type { MediaKind } from './postSpec';

/**
 * Meta's rules for the media file behind an image or video (JPEG or PNG up to 8 MB; MP4 or MOV up
 * to 1 GB), checked on binary data before anything is uploaded or sent. Pure: no n8n, no requests.
 */

export interface MediaFileRule {
	/** Content types Meta accepts, as the file is served to it. */
	types: readonly string[];
	maxBytes: number;
	/** For messages: "JPEG or PNG", "8 MB". */
	formats: string;
	limit: string;
}

export const MEDIA_FILE_RULES: Record<MediaKind, MediaFileRule> = {
	IMAGE: {
		types: ['image/jpeg', 'image/png'],
		maxBytes: 8 * 1024 * 1024,
		formats: 'JPEG or PNG',
		limit: '8 MB',
	},
	VIDEO: {
		types: ['video/mp4', 'video/quicktime'],
		maxBytes: 1024 * 1024 * 1024,
		formats: 'MP4 or MOV',
		limit: '1 GB',
	},
};

/** Names some tools give these types, and what they are. */
const ALIASES: Record<string, string> = {
	'image/jpg': 'image/jpeg',
	'image/pjpeg': 'image/jpeg',
	'image/x-png': 'image/png',
	'video/mov': 'video/quicktime',
	'video/x-quicktime': 'video/quicktime',
};

const EXTENSIONS: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	mp4: 'video/mp4',
	m4v: 'video/mp4',
	mov: 'video/quicktime',
};

/** Types that say nothing about the content: the file name's extension decides then. */
const UNTYPED = ['', 'application/octet-stream', 'binary/octet-stream'];

/** A content type without parameters, lower case, aliases resolved: `Image/JPG; q=1` -> `image/jpeg`. */
export function normalizeMimeType(mimeType: string | undefined): string {
	const bare = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	return ALIASES[bare] ?? bare;
}

/**
 * The content type a file is taken to have: its own when it names one, else the one its file
 * name's extension stands for (a download served as application/octet-stream).
 */
export function fileContentType(
	mimeType: string | undefined,
	fileName: string | undefined,
): string {
	const normalized = normalizeMimeType(mimeType);
	if (!UNTYPED.includes(normalized)) return normalized;
	const extension = /\.([A-Za-z0-9]{1,5})$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
	return EXTENSIONS[extension] ?? normalized;
}

/** IMAGE or VIDEO for a content type Meta accepts; undefined for any other. */
export function mediaKindOfType(contentType: string): MediaKind | undefined {
	return (Object.keys(MEDIA_FILE_RULES) as MediaKind[]).find((kind) =>
		MEDIA_FILE_RULES[kind].types.includes(contentType),
	);
}

export interface MediaFileFacts {
	/** As `fileContentType` gives it. */
	contentType: string;
	/** Bytes. */
	size: number;
}

function megabytes(bytes: number): string {
	const value = bytes / (1024 * 1024);
	return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} MB`;
}

/**
 * Why Meta would refuse this file as `expected` (or as what its type says, when undefined), or
 * undefined when it fits. `label` names the item and the file, e.g. `Input item 2's binary field
 * "data" (cat.gif)`.
 */
export function mediaFileProblem(
	file: MediaFileFacts,
	expected: MediaKind | undefined,
	label: string,
): string | undefined {
	const kind = mediaKindOfType(file.contentType);
	const shown = file.contentType || 'no content type';
	if (!kind) {
		const wanted = expected
			? `${expected === 'IMAGE' ? 'an image' : 'a video'} Threads accepts (${MEDIA_FILE_RULES[expected].formats})`
			: 'an image (JPEG or PNG) or a video (MP4 or MOV)';
		return `${label} is ${shown}, not ${wanted}`;
	}
	if (expected && kind !== expected) {
		return `${label} is ${kind === 'IMAGE' ? 'an image' : 'a video'} (${shown}), but the Media Type is ${expected === 'IMAGE' ? 'Image' : 'Video'}: choose ${kind === 'IMAGE' ? 'Image' : 'Video'} or give a ${MEDIA_FILE_RULES[expected].formats} file`;
	}
	const rule = MEDIA_FILE_RULES[kind];
	if (!Number.isSafeInteger(file.size) || file.size <= 0) {
		return `${label} is empty: Threads needs the ${kind === 'IMAGE' ? 'image' : 'video'}'s bytes`;
	}
	if (file.size > rule.maxBytes) {
		return `${label} is ${megabytes(file.size)} (${file.size} bytes): Threads accepts ${kind === 'IMAGE' ? 'images' : 'videos'} of at most ${rule.limit} (${rule.maxBytes} bytes)`;
	}
	return undefined;
}
