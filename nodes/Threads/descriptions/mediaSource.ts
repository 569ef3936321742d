import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Version 2's Media Source: an image or video from a URL (as version 1), or from an input item's
 * binary data, uploaded to S3-compatible storage or served by n8n through a signed URL. Version 1
 * has none of these fields, so its workflows read URLs as before.
 */

type Show = NonNullable<IDisplayOptions['show']>;

const FROM_VERSION_2: Show = { '@version': [{ _cnd: { gte: 2 } }] };

/** The Media Source values that take the file from binary data. */
export const BINARY_MEDIA_SOURCES = ['binaryField', 'signedUrl'];

/**
 * Hides a URL field when the media come from binary data (version 1 has no Media Source: shown).
 * By its root path, at the top level too: n8n 1.x cannot order the parameters of a node whose
 * field names a sibling that is missing (version 1's), and then fails every workflow holding the
 * node ("Could not resolve parameter dependencies"); a root path is looked up only when shown.
 */
export const HIDE_FOR_BINARY: IDisplayOptions['hide'] = { '/mediaSource': BINARY_MEDIA_SOURCES };

/** The Media Source option and, with a binary source, the notice of what a signed URL from this instance needs. */
export function mediaSourceFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Media Source',
			name: 'mediaSource',
			type: 'options',
			options: [
				{
					name: 'Binary Field',
					value: 'binaryField',
					description:
						'A file from an earlier node, uploaded to your S3-compatible storage for Threads to fetch, then deleted',
				},
				{
					name: 'Signed URL From This Instance',
					value: 'signedUrl',
					description:
						'A file from an earlier node, served by this n8n through a signed URL: n8n must be reachable from the internet',
				},
				{
					name: 'URL',
					value: 'url',
					description: 'A public URL Threads downloads the media from',
				},
			],
			default: 'url',
			description: 'Where the image or video comes from',
			displayOptions: { show: { ...show, ...FROM_VERSION_2 } },
		},
		{
			displayName:
				'Threads downloads the file from this n8n (1.90 or newer): WEBHOOK_URL must be its public https address, and binary data must be stored (binary data mode filesystem, database or s3, not memory). Otherwise choose Binary Field.',
			name: 'signedUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...show, ...FROM_VERSION_2, mediaSource: ['signedUrl'] } },
		},
	];
}

/** The binary property that holds the file (n8n's usual "Input Binary Field"). */
export function binaryPropertyField(
	show: Show,
	overrides: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file',
		description:
			'The binary property of the input item that holds the image (JPEG or PNG, at most 8 MB) or video (MP4 or MOV, at most 1 GB)',
		displayOptions: {
			show: { ...show, ...FROM_VERSION_2, mediaSource: BINARY_MEDIA_SOURCES },
		},
		...overrides,
	};
}

/** A carousel item's binary property, inside the Carousel Items list. */
export const carouselItemBinaryField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	placeholder: 'e.g. photo1',
	description:
		"The binary property of the input item that holds this carousel item's image or video",
	displayOptions: { show: { '/mediaSource': BINARY_MEDIA_SOURCES } },
};
