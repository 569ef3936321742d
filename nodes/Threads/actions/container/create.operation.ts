import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { autoPublishText } from '../../publishing/autoPublish';
import { quotaAdmission } from '../quotaAdmission';
import { containerParameters } from '../../posts/containerParameters';
import { createContainer } from '../../publishing/createContainer';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
import { binaryPropertyField, mediaSourceFields } from '../../descriptions/mediaSource';
import type { MediaPlan } from '../../media/mediaPlan';
import { preparePostMedia, singleMediaRequest, withMediaUrls } from '../../media/postMedia';
import { withStagedMedia } from '../../media/stageMedia';
import { waitForContainers } from '../../publishing/containerWait';
import { DEFAULT_WAIT } from '../../posts/postSpec';
import { readPostSpec } from '../../parameters/postContent';
import { postOptionsCollection } from '../../descriptions/postOptions';
import { type PostUrls, deferPostUrls, resolvePostUrls } from '../../parameters/postReferences';
import type { PostSpec } from '../../posts/postSpec';
import { hintsFor } from '../../publishing/publishPost';
import { assertNoProblems, optionLabelsOf, postProblems } from '../../posts/postRules';
import type { OperationOption } from '../types';

export const option: OperationOption = {
	name: 'Create',
	description: 'Create a text, image or video container (or a carousel item) to publish later',
	action: 'Create a container',
};

const show = { resource: ['container'], operation: ['create'] };

export const description: INodeProperties[] = [
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
		description:
			'What the container holds. For a carousel, create its images and videos here as carousel items.',
		displayOptions: { show },
	},
	{
		displayName: 'Carousel Item',
		name: 'isCarouselItem',
		type: 'boolean',
		default: false,
		description:
			'Whether this image or video is one item of a carousel, to be combined with Create Carousel Container (only Alt Text applies to it)',
		displayOptions: { show: { ...show, mediaType: ['IMAGE', 'VIDEO'] } },
	},
	textField(show, 'post'),
	captionField({ ...show, mediaType: ['IMAGE', 'VIDEO'], isCarouselItem: [false] }),
	...mediaSourceFields({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	...mediaUrlFields(show),
	binaryPropertyField({ ...show, mediaType: ['IMAGE', 'VIDEO'] }),
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'],
		mediaTypeParameter: 'mediaType',
		carouselItemParameter: 'isCarouselItem',
		waitOptions: ['checkQuota', 'keepUploadedFiles'],
	}),
];

interface PreparedContainer {
	spec: PostSpec;
	/** Reply To and Quote Post given as post URLs (version 2 locators), resolved when the item runs. */
	urls: PostUrls;
	/** Media from binary data, checked; undefined for Media Source URL. */
	media?: MediaPlan;
}

export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<PreparedContainer> {
	const mediaType = this.getNodeParameter('mediaType', itemIndex) as PostSpec['mediaType'];
	const read = readPostSpec(this, itemIndex, mediaType, { carouselItem: true });
	const deferred = deferPostUrls(this, itemIndex, read);
	const { spec, plan } = await preparePostMedia(this, itemIndex, deferred.spec, (post) =>
		singleMediaRequest(this, itemIndex, post),
	);
	assertNoProblems(this, postProblems(spec, optionLabelsOf(this)), itemIndex);
	return { spec, urls: deferred.urls, media: plan };
}

/** Carousel items count nothing against the quota; only auto-published text publishes here. */
export const admit = quotaAdmission<PreparedContainer>(({ spec }) =>
	spec.isCarouselItem ? undefined : spec.options.replyToId ? 'reply' : 'post',
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	prepared: PreparedContainer,
): Promise<IDataObject> {
	const { media } = prepared;
	return await withStagedMedia(this, itemIndex, media, async (mediaUrls) => {
		const resolved = await resolvePostUrls.call(this, prepared.spec, prepared.urls, itemIndex);
		const spec = withMediaUrls(resolved, mediaUrls);
		const body = containerParameters(spec);
		if (spec.options.autoPublishText) {
			const post = await autoPublishText.call(this, body, hintsFor(spec), itemIndex, false);
			return { ...post, autoPublished: true };
		}
		const id = await createContainer.call(this, body, itemIndex);
		if (media?.source === 'binaryField' && !media.keep) {
			// The upload is deleted afterwards: Threads must have fetched it first.
			await waitForContainers.call(this, [id], itemIndex, {
				kind: spec.mediaType === 'VIDEO' ? 'VIDEO' : 'IMAGE',
				maxWaitMs: DEFAULT_WAIT.maxWaitMs,
			});
		}
		return { id, mediaType: spec.mediaType, isCarouselItem: spec.isCarouselItem === true };
	});
}
