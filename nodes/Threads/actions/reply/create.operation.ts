import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { attempt } from '../../helpers/attempt';
import { runBatch } from '../../helpers/batch';
import { type PostReference, parsePostReference, resolvePostId } from '../../helpers/ids';
import {
	postOptionsCollection,
	readPostOptions,
	readWaitSettings,
} from '../../helpers/postParameters';
import type { PostSpec, WaitSettings } from '../../helpers/postSpec';
import { assertNoProblems, postProblems, waitProblems } from '../../helpers/postValidation';
import { publishPost } from '../../helpers/publishing';
import { postLocator } from '../../helpers/properties';
import { withOperationScopes } from '../../helpers/scopes';

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
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description:
			'The reply text: at most 500 characters (emoji count by their UTF-8 length) and 5 links',
		displayOptions: { show: { ...show, mediaType: ['TEXT'] } },
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'Optional caption: at most 500 characters (emoji count by their UTF-8 length) and 5 links',
		displayOptions: { show: { ...show, mediaType: ['IMAGE', 'VIDEO'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/photo.jpg',
		description:
			'A public http(s) URL Threads downloads the image from (JPEG or PNG, at most 8 MB)',
		displayOptions: { show: { ...show, mediaType: ['IMAGE'] } },
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://example.com/clip.mp4',
		description:
			'A public http(s) URL Threads downloads the video from (MOV or MP4, at most 5 minutes)',
		displayOptions: { show: { ...show, mediaType: ['VIDEO'] } },
	},
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
	const spec: PostSpec = {
		mediaType,
		text: context.getNodeParameter('text', itemIndex, '') as string,
		options: readPostOptions(context, itemIndex),
	};
	if (mediaType === 'IMAGE')
		spec.imageUrl = context.getNodeParameter('imageUrl', itemIndex, '') as string;
	if (mediaType === 'VIDEO')
		spec.videoUrl = context.getNodeParameter('videoUrl', itemIndex, '') as string;
	const wait = readWaitSettings(context, itemIndex);
	// The target's ID is not known yet for a URL: check everything else with a stand-in ID.
	const checkable: PostSpec = {
		...spec,
		options: { ...spec.options, replyToId: target.kind === 'id' ? target.id : '1' },
	};
	assertNoProblems(context, [...postProblems(checkable), ...waitProblems(wait)], itemIndex);
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
		checkQuota: items.length > 1 && readWaitSettings(this, 0).checkQuota,
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
