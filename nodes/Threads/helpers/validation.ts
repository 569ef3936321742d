import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

const THREADS_POST_URL =
	/^https?:\/\/(?:www\.)?threads\.(?:net|com)\/@[^/]+\/post\/([A-Za-z0-9_-]+)/;

/** A numeric Threads id from an id or, where Meta's URLs carry it, a Threads URL. */
export function requireId(
	context: IExecuteFunctions,
	value: unknown,
	field: string,
	itemIndex: number,
): string {
	const text =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(context.getNode(), `${field} is required`, { itemIndex });
	}
	if (/^\d+$/.test(text)) return text;
	if (THREADS_POST_URL.test(text)) {
		throw new NodeOperationError(
			context.getNode(),
			`${field} must be a numeric Threads ID; "${text}" is a post URL, whose shortcode is not the ID`,
			{
				itemIndex,
				description: 'Use the ID returned when the post was published, or from Post > Get Many.',
			},
		);
	}
	throw new NodeOperationError(
		context.getNode(),
		`${field} must be a numeric Threads ID, got "${text}"`,
		{ itemIndex },
	);
}
