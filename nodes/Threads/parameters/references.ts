import type { IExecuteFunctions } from 'n8n-workflow';

import { resolvePostId } from '../reading/postLookup';
import { parseUsername } from '../shared/ids';

/** The Post and Username parameters most operations share, read and checked. */

/** The username of an operation's Username parameter (`username`), checked. */
export function readUsernameParameter(context: IExecuteFunctions, itemIndex: number): string {
	return parseUsername(
		context,
		context.getNodeParameter('username', itemIndex),
		'Username',
		itemIndex,
	);
}

/** The media ID of an operation's Post parameter (`postId`), given as an ID or a URL. */
export async function resolvePostParameter(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<string> {
	return await resolvePostId.call(
		this,
		this.getNodeParameter('postId', itemIndex),
		'Post',
		itemIndex,
	);
}
