import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PostSpec } from '../posts/postSpec';
import { resolvePostId } from '../reading/postLookup';
import { isPostUrl, parameterText } from '../shared/ids';

/**
 * From version 2, Reply To and Quote Post in the Options collection are post locators, whose value
 * may be a post URL. Its ID is only known after a lookup: the item is checked with a stand-in ID
 * (before any request, like every other item) and the URL resolved when the item runs. Plain
 * strings (version 1) are left as they are, so a URL there is refused as before.
 */

type ReferenceKey = 'replyToId' | 'quotePostId';

const FIELD_NAMES: Record<ReferenceKey, string> = {
	replyToId: 'Reply To',
	quotePostId: 'Quote Post',
};

/** Any valid ID: what the checks see in place of a URL not yet looked up. */
const STAND_IN_ID = '1';

/** The post URLs of the options, to resolve when the item runs. */
export type PostUrls = Partial<Record<ReferenceKey, string>>;

function isResourceLocator(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (value as IDataObject).__rl === true;
}

/** The spec with stand-in IDs where a locator holds a post URL, and those URLs. */
export function deferPostUrls(
	context: IExecuteFunctions,
	itemIndex: number,
	spec: PostSpec,
	parameterName = 'options',
): { spec: PostSpec; urls: PostUrls } {
	const raw = context.getNodeParameter(parameterName, itemIndex, {}) as IDataObject;
	const urls: PostUrls = {};
	const options = { ...spec.options };
	for (const key of Object.keys(FIELD_NAMES) as ReferenceKey[]) {
		if (!isResourceLocator(raw[key])) continue;
		const text = parameterText(raw[key]);
		if (!isPostUrl(text)) continue;
		urls[key] = text;
		options[key] = STAND_IN_ID;
	}
	return { spec: { ...spec, options }, urls };
}

/** The spec with each deferred URL replaced by the ID of its post (looked up, cached per execution). */
export async function resolvePostUrls(
	this: IExecuteFunctions,
	spec: PostSpec,
	urls: PostUrls,
	itemIndex: number,
): Promise<PostSpec> {
	const keys = Object.keys(urls) as ReferenceKey[];
	if (keys.length === 0) return spec;
	const options = { ...spec.options };
	for (const key of keys) {
		options[key] = await resolvePostId.call(this, urls[key], FIELD_NAMES[key], itemIndex);
	}
	return { ...spec, options };
}
