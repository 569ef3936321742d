import { randomBytes } from 'crypto';

/** Object keys for uploaded media: `<prefix><yyyy-mm-dd>/<16 random hex>-<safe file name>`. */

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': '.jpg',
	'image/png': '.png',
	'image/gif': '.gif',
	'image/webp': '.webp',
	'video/mp4': '.mp4',
	'video/quicktime': '.mov',
};

const MAX_NAME_LENGTH = 100;

/** The extension a content type is usually stored with, or '' when unknown. */
export function extensionFor(contentType: string): string {
	return EXTENSIONS[contentType.split(';')[0].trim().toLowerCase()] ?? '';
}

/**
 * A file name that needs no thought anywhere (URL, shell, any S3 implementation): ASCII letters,
 * digits, `.`, `_` and `-` only; accents dropped, anything else a hyphen; the extension kept.
 */
export function safeFileName(fileName: string | undefined, contentType: string): string {
	const base = (fileName ?? '').split(/[/\\]/).pop() ?? '';
	const dot = base.lastIndexOf('.');
	const given = dot > 0 ? base.slice(dot) : '';
	const extension = /^\.[A-Za-z0-9]{1,10}$/.test(given) ? given : extensionFor(contentType);
	const stem = (given === extension && dot > 0 ? base.slice(0, dot) : base)
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, MAX_NAME_LENGTH - extension.length)
		.replace(/[-.]+$/, '');
	return `${stem || 'media'}${extension}`;
}

/** A key no other upload gets: the day (UTC) for lifecycle rules and browsing, 64 random bits, the name. */
export function newObjectKey(
	prefix: string,
	fileName: string | undefined,
	contentType: string,
	now: Date,
	random: string = randomBytes(8).toString('hex'),
): string {
	return `${prefix}${now.toISOString().slice(0, 10)}/${random}-${safeFileName(fileName, contentType)}`;
}
