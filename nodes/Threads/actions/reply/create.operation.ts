import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { skippingEarlierPosts } from '../earlierPostAdmission';
import { quotaAdmission } from '../quotaAdmission';
import { type PostReference, parsePostReference } from '../../shared/ids';
import { resolvePostId } from '../../reading/postLookup';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { binaryPropertyField, mediaSourceFields } from '../../descriptions/mediaSource';
import type { MediaPlan } from '../../media/mediaPlan';
import { preparePostMedia, singleMediaRequest, withMediaUrls } from '../../media/postMedia';
import { withStagedMedia } from '../../media/stageMedia';
import { readPostSpec } from '../../parameters/postContent';
import { readWaitSettings } from '../../parameters/postOptions';
import {
	type FittedPost,
	adjustedOutput,
	deferredPost,
	fitPostSpec,
} from '../../parameters/postText';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import { postOptionsCollection } from '../../descriptions/postOptions';
import { skipIfPostedField } from '../../descriptions/skipIfPosted';
import { readSkipIfPosted } from '../../parameters/skipIfPosted';
import { findEarlierPost } from '../../publishing/earlierPost';
import type { PostSpec, WaitSettings } from '../../posts/postSpec';
import { assertPublishable } from '../../posts/postRules';
import { publishPost } from '../../publishing/publishPost';
import { postLocator } from '../../descriptions/common';
import { namingOperationScopes } from '../../transport/operationScopes';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Create',
	description:
		'Reply to a post or reply in one step: create, wait for processing and publish (needs threads_content_publish and threads_manage_replies)',
	action: 'Reply to a post',
};

export const requiredScopes = ['threads_content_publish', 'threads_manage_replies'];

const show = { resource: ['reply'], operation: ['create'] };
const MEDIA_TYPES: Array<PostSpec['mediaType']> = ['TEXT', 'IMAGE', 'VIDEO'];

export const description: INodeProperties[] = [
	postLocator({
		displayName: 'Reply To',
		name: 'replyToId',
		description: 'The post or reply to answer, from the list, by Threads URL or by ID',
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
	...mediaSourceFields({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	...mediaUrlFields(show),
	binaryPropertyField({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	postOptionsCollection({
		show,
		mediaTypes: MEDIA_TYPES,
		mediaTypeParameter: 'mediaType',
		exclude: ['replyToId', 'ghostPost'],
		waitOptions: ['maxWait', 'includePermalink', 'checkQuota', 'overQuota', 'keepUploadedFiles'],
		textOptions: { split: false },
		extraFields: [skipIfPostedField],
	}),
];

interface PreparedReply extends FittedPost {
	target: PostReference;
	wait: WaitSettings;
	/** Skip If Already Posted Within (Minutes); 0: off. */
	skipMinutes: number;
	/** Quote Post given as a post URL (version 2 locator), resolved when the item runs. */
	urls: PostUrls;
	/** Media from binary data, checked; undefined for Media Source URL. */
	media?: MediaPlan;
}

/** Reads and checks one item without any request; a URL target is resolved only when the item runs. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedReply> {
	const target = parsePostReference(
		this,
		this.getNodeParameter('replyToId', itemIndex),
		'Reply To',
		itemIndex,
	);
	const mediaType = this.getNodeParameter('mediaType', itemIndex, 'TEXT') as PostSpec['mediaType'];
	const { spec: raw, urls } = deferPostUrls(
		this,
		itemIndex,
		readPostSpec(this, itemIndex, mediaType),
	);
	const fitted = fitPostSpec(this, itemIndex, raw);
	const wait = readWaitSettings(this, itemIndex);
	const { spec, plan } = await preparePostMedia(this, itemIndex, fitted.spec, (post) =>
		singleMediaRequest(this, itemIndex, post),
	);
	// The target's ID is not known yet for a URL: check everything else with a stand-in ID.
	const checkable: PostSpec = {
		...spec,
		options: { ...spec.options, replyToId: target.kind === 'id' ? target.id : '1' },
	};
	assertPublishable(this, checkable, wait, itemIndex);
	const skipMinutes = readSkipIfPosted(this, itemIndex, spec, false);
	return { ...fitted, spec, target, wait, skipMinutes, urls, media: plan };
}

async function replyToIdOf(context: IExecuteFunctions, target: PostReference, itemIndex: number) {
	return target.kind === 'id'
		? target.id
		: await resolvePostId.call(context, target.url, 'Reply To', itemIndex);
}

/** Skip If Already Posted Within: the reply this one would repeat (to the same post), if any. */
async function earlierReply(
	this: IExecuteFunctions,
	{ target, spec, urls, wait, adjusted, skipMinutes }: PreparedReply,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	if (skipMinutes === 0) return undefined;
	const replyToId = await replyToIdOf(this, target, itemIndex);
	const resolved = await resolvePostUrls.call(this, spec, urls, itemIndex);
	const found = await findEarlierPost.call(
		this,
		{ ...resolved, options: { ...resolved.options, replyToId } },
		skipMinutes,
		itemIndex,
		wait.includePermalink,
	);
	return found && { ...found, replyToId, ...adjustedOutput(adjusted) };
}

export const admit = skippingEarlierPosts<PreparedReply>(
	earlierReply,
	quotaAdmission<PreparedReply>(
		() => 'reply',
		(prepared) => ({
			...deferredPost(prepared),
			replyTo: prepared.target.kind === 'id' ? prepared.target.id : prepared.target.url,
		}),
	),
);

/**
 * Reply in one step, like Post > Publish: creates the reply container, waits for Threads to process it,
 * publishes it once and returns its ID and permalink. Two or more items check the reply quota first.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ target, spec, wait, urls, adjusted, media }: PreparedReply,
): Promise<IDataObject> {
	return await withStagedMedia(this, itemIndex, media, async (mediaUrls) => {
		const replyToId = await replyToIdOf(this, target, itemIndex);
		const resolved = withMediaUrls(
			await resolvePostUrls.call(this, spec, urls, itemIndex),
			mediaUrls,
		);
		const published = await namingOperationScopes(
			this,
			{ scopes: requiredScopes, action: `reply to post ${replyToId}`, itemIndex },
			async () =>
				await publishPost.call(
					this,
					{ ...resolved, options: { ...resolved.options, replyToId } },
					itemIndex,
					wait,
				),
		);
		return { ...published, replyToId, ...adjustedOutput(adjusted) };
	});
}
