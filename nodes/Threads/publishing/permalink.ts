import type { IExecuteFunctions } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import { attempt } from '../shared/attempt';

/** A published post's permalink, or null when it cannot be read (the post stays published either way). */
export async function readPermalink(
	this: IExecuteFunctions,
	postId: string,
	itemIndex: number,
): Promise<string | null> {
	const read = await attempt(
		async () =>
			await threadsApiRequest.call(this, {
				method: 'GET',
				path: `/${postId}`,
				qs: { fields: 'permalink' },
				action: `read the permalink of post ${postId}`,
				itemIndex,
			}),
	);
	return read.ok && typeof read.value.permalink === 'string' ? read.value.permalink : null;
}
