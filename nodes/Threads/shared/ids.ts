import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Threads IDs, post URLs and usernames: recognised and checked without any request. */

/** What naming a field in an error needs: a running node or one loading a list in the editor. */
export type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

/** `https://www.threads.net/@user/post/SHORTCODE` (also threads.com, with or without www, query or trailing slash). */
const POST_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/@([A-Za-z0-9._]{1,30})\/post\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/i;
/** Short links `https://www.threads.net/t/SHORTCODE` carry no username. */
const SHORT_POST_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/t\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/i;
const PROFILE_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/@([A-Za-z0-9._]{1,30})\/?(?:[?#].*)?$/i;
const USERNAME = /^@?([A-Za-z0-9._]{1,30})$/;
export const NUMERIC_ID = /^\d{1,30}$/;

export type PostReference =
	| { kind: 'id'; id: string }
	| { kind: 'url'; url: string; shortcode: string; username?: string };

/** The text of a parameter, whether a plain value or a resource locator (`{ __rl, mode, value }`). */
export function parameterText(value: unknown): string {
	if (value !== null && typeof value === 'object' && 'value' in (value as IDataObject)) {
		return parameterText((value as IDataObject).value);
	}
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

/** The text of a parameter that must be set: an empty one is refused as missing. */
function requiredText(
	context: NodeContext,
	value: unknown,
	field: string,
	itemIndex: number,
	description?: string,
): string {
	const text = parameterText(value);
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${field} is required`, {
			itemIndex,
			description,
		});
	}
	return text;
}

export function isPostUrl(text: string): boolean {
	return POST_URL.test(text) || SHORT_POST_URL.test(text);
}

/** Classifies a post reference without any request: a numeric ID or a Threads post URL. */
export function parsePostReference(
	context: NodeContext,
	value: unknown,
	field: string,
	itemIndex: number,
): PostReference {
	const text = requiredText(
		context,
		value,
		field,
		itemIndex,
		'Give the numeric Threads ID or the post URL (https://www.threads.net/@user/post/...)',
	);
	if (NUMERIC_ID.test(text)) return { kind: 'id', id: text };
	const full = POST_URL.exec(text);
	if (full) return { kind: 'url', url: text, username: full[1].toLowerCase(), shortcode: full[2] };
	const short = SHORT_POST_URL.exec(text);
	if (short) return { kind: 'url', url: text, shortcode: short[1] };
	throw new NodeOperationError(
		context.getNode(),
		`${field} must be a numeric Threads ID or a Threads post URL, got "${text.slice(0, 100)}"`,
		{
			itemIndex,
			description:
				'Examples: 18050206876707110, or https://www.threads.net/@username/post/C8H5FiCvj4t',
		},
	);
}

/** Why a value is not a numeric Threads ID (named after `field`), or undefined when it is one. */
export function numericIdProblem(value: string, field: string): string | undefined {
	const text = value.trim();
	if (NUMERIC_ID.test(text)) return undefined;
	if (isPostUrl(text)) {
		return `${field} must be a numeric Threads ID; "${text.slice(0, 100)}" is a post URL, whose shortcode is not the ID`;
	}
	return `${field} must be a numeric Threads ID, got "${text.slice(0, 100)}"`;
}

/** A numeric ID (containers, replies, locations): the one check every ID parameter goes through. */
export function requireNumericId(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = requiredText(context, value, field, itemIndex);
	const problem = numericIdProblem(text, field);
	if (!problem) return text;
	throw new NodeOperationError(context.getNode(), problem, {
		itemIndex,
		description: isPostUrl(text)
			? 'Use the ID returned when the post was published, or from Post > Get Many.'
			: undefined,
	});
}

/** A Threads username from `name`, `@name`, or a profile or post URL. */
export function parseUsername(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text = requiredText(context, value, field, itemIndex);
	const match = USERNAME.exec(text) ?? PROFILE_URL.exec(text) ?? POST_URL.exec(text);
	if (!match) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} must be a Threads username (letters, digits, "." and "_", at most 30) or a profile URL, got "${text.slice(0, 100)}"`,
			{ itemIndex },
		);
	}
	return match[1].toLowerCase();
}
