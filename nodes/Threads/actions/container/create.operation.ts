import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { autoPublishText } from '../../publishing/autoPublish';
import { quotaAdmission } from '../quotaAdmission';
import { containerParameters } from '../../posts/containerParameters';
import { createContainer } from '../../publishing/createContainer';
import { captionField, mediaUrlFields, textField } from '../../descriptions/postFields';
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
	...mediaUrlFields(show),
	postOptionsCollection({
		show,
		mediaTypes: ['TEXT', 'IMAGE', 'VIDEO'],
		mediaTypeParameter: 'mediaType',
		carouselItemParameter: 'isCarouselItem',
		waitOptions: ['checkQuota'],
	}),
];

interface PreparedContainer {
	spec: PostSpec;
	/** Reply To and Quote Post given as post URLs (version 2 locators), resolved when the item runs. */
	urls: PostUrls;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedContainer {
	const mediaType = this.getNodeParameter('mediaType', itemIndex) as PostSpec['mediaType'];
	const read = readPostSpec(this, itemIndex, mediaType, { carouselItem: true });
	const { spec, urls } = deferPostUrls(this, itemIndex, read);
	assertNoProblems(this, postProblems(spec, optionLabelsOf(this)), itemIndex);
	return { spec, urls };
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
	const spec = await resolvePostUrls.call(this, prepared.spec, prepared.urls, itemIndex);
	const body = containerParameters(spec);
	if (spec.options.autoPublishText) {
		const post = await autoPublishText.call(this, body, hintsFor(spec), itemIndex, false);
		return { ...post, autoPublished: true };
	}
	const id = await createContainer.call(this, body, itemIndex);
	return { id, mediaType: spec.mediaType, isCarouselItem: spec.isCarouselItem === true };
}
