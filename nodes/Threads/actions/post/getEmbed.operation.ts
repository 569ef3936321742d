import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parameterText, parsePostReference } from '../../shared/ids';
import { resolvePostId } from '../../reading/postLookup';
import { postLocator } from '../../descriptions/common';
import { threadsApiRequest } from '../../transport/request';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Get Embed',
	description: 'Get the oEmbed HTML that shows a public post on a web page',
	action: 'Get the embed HTML of a post',
};

export const requiredScopes = ['threads_basic'];

const show = { resource: ['post'], operation: ['getEmbed'] };
const MIN_WIDTH = 320;
const MAX_WIDTH = 658;

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Post',
		name: 'postId',
		description:
			'The public post to embed, from the list, by Threads URL or by ID (the node then reads its permalink)',
		show,
	}),
	{
		displayName: 'Max Width',
		name: 'maxWidth',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_WIDTH },
		default: 0,
		description: `Largest width of the embed in pixels, ${MIN_WIDTH} to ${MAX_WIDTH}. 0 uses the Threads default.`,
		displayOptions: { show },
	},
];

/** oEmbed: the HTML that embeds a public post in a web page. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const raw = this.getNodeParameter('postId', itemIndex);
	const reference = parsePostReference(this, raw, 'Post', itemIndex);
	const maxWidth = Number(this.getNodeParameter('maxWidth', itemIndex, 0) ?? 0);
	if (
		!Number.isInteger(maxWidth) ||
		(maxWidth !== 0 && (maxWidth < MIN_WIDTH || maxWidth > MAX_WIDTH))
	) {
		throw new NodeOperationError(
			this.getNode(),
			`Max Width must be a whole number from ${MIN_WIDTH} to ${MAX_WIDTH} (or 0 for the default), got ${String(maxWidth)}`,
			{ itemIndex },
		);
	}
	// A full post URL is embedded as given; for an ID (or a /t/ short link, which names no author) the
	// permalink is read first.
	let url = reference.kind === 'url' && reference.username ? parameterText(raw) : '';
	if (!url) {
		const postId = await resolvePostId.call(this, raw, 'Post', itemIndex);
		const post = await threadsApiRequest.call(this, {
			method: 'GET',
			path: `/${postId}`,
			qs: { fields: 'id,permalink' },
			scope: 'threads_basic',
			action: `read the permalink of post ${postId}`,
			itemIndex,
		});
		url = String(post.permalink ?? '');
		if (!url) {
			throw new NodeOperationError(
				this.getNode(),
				`Post ${postId} has no public permalink to embed`,
				{
					itemIndex,
					description: 'Threads omits the permalink of posts with copyrighted or flagged material.',
				},
			);
		}
	}
	const qs: IDataObject = { url };
	if (maxWidth) qs.maxwidth = maxWidth;
	const embed = await threadsApiRequest.call(this, {
		method: 'GET',
		path: '/oembed',
		qs,
		scope: requiredScopes[0],
		action: 'get the embed HTML of a post',
		itemIndex,
	});
	return { url, ...embed };
}
