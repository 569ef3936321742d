import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { attempt } from '../../shared/attempt';
import { runBatch } from '../batch';
import { type PostReference, parsePostReference } from '../../shared/ids';
import { resolvePostId } from '../../reading/postLookup';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { readPostSpec } from '../../parameters/postSpec';
import { checksQuotaFirst, readWaitSettings } from '../../parameters/postOptions';
import { postOptionsCollection } from '../../descriptions/postOptions';
import type { PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertPublishable } from '../../posts/postRules';
import { publishPost } from '../../publishing/publishPost';
import { postLocator } from '../../descriptions/common';
import { withOperationScopes } from '../../transport/operationScopes';

export const requiredScopes = ['threads_content_publish', 'threads_manage_replies'];

const show = { resource: ['reply'], operation: ['create'] };
const MEDIA_TYPES: Array<PostSpec['mediaType']> = ['TEXT', 'IMAGE', 'VIDEO'];

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Reply To',
		name: 'replyToId',
		description: 'The post or reply to answer, by ID or Threads URL',
		show,
	}),
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'IMAGE' },
			{ name: 'Text', value: 'TEXT' },
			{ name: 'Video', value: 'VIDEO' },
		],
		default: 'TEXT',
		description: 'What the reply holds besides its text',
		displayOptions: { show },
	},
	textField(show, 'reply'),
	captionField({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	...mediaUrlFields(show),
	postOptionsCollection({
		show,
		mediaTypes: MEDIA_TYPES,
		mediaTypeParameter: 'mediaType',
		exclude: ['replyToId', 'ghostPost'],
		waitOptions: ['maxWait', 'includePermalink', 'checkQuota'],
	}),
];

interface PreparedReply {
	target: PostReference;
	spec: PostSpec;
	wait: WaitSettings;
}

/** Reads and checks one item without any request; a URL target is resolved only when the item runs. */
function prepare(context: IExecuteFunctions, itemIndex: number): PreparedReply {
	const target = parsePostReference(
		context,
		context.getNodeParameter('replyToId', itemIndex),
		'Reply To',
		itemIndex,
	);
	const mediaType = context.getNodeParameter(
		'mediaType',
		itemIndex,
		'TEXT',
	) as PostSpec['mediaType'];
	const spec = readPostSpec(context, itemIndex, mediaType);
	const wait = readWaitSettings(context, itemIndex);
	// The target's ID is not known yet for a URL: check everything else with a stand-in ID.
	const checkable: PostSpec = {
		...spec,
		options: { ...spec.options, replyToId: target.kind === 'id' ? target.id : '1' },
	};
	assertPublishable(context, checkable, wait, itemIndex);
	return { target, spec, wait };
}

/**
 * Reply in one step, like Post > Publish: creates the reply container, waits for Threads to process it,
 * publishes it once and returns its ID and permalink. Two or more items check the reply quota first.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runBatch(this, items, {
		checkQuota: checksQuotaFirst(this, items.length),
		prepare: (itemIndex) => ({ spec: prepare(this, itemIndex), quota: 'reply' }),
		run: async ({ target, spec, wait }, itemIndex): Promise<IDataObject> => {
			const replyToId =
				target.kind === 'id'
					? target.id
					: await resolvePostId.call(this, target.url, 'Reply To', itemIndex);
			const published = await attempt(
				async () =>
					await publishPost.call(
						this,
						{ ...spec, options: { ...spec.options, replyToId } },
						itemIndex,
						wait,
					),
			);
			if (!published.ok) {
				throw withOperationScopes(
					this,
					published.error,
					requiredScopes,
					`reply to post ${replyToId}`,
					itemIndex,
				);
			}
			return { ...published.value, replyToId };
		},
	});
}
