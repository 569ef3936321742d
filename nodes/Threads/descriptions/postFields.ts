import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { HIDE_FOR_BINARY } from './mediaSource';

/** The Text, Image URL and Video URL fields of a publishing operation. */

type Show = NonNullable<IDisplayOptions['show']>;

const TEXT_LIMITS = 'at most 500 characters (emoji count by their UTF-8 length) and 5 links';

/** The required text of a text post or reply. */
export function textField(show: Show, noun: 'post' | 'reply'): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `The ${noun} text: ${TEXT_LIMITS}. Required unless the ${noun} has a Link Attachment, Text Attachment or GIF.`,
		displayOptions: { show: { ...show, mediaType: ['TEXT'] } },
	};
}

/** The optional text of a media post or carousel, shown where `show` says. */
export function captionField(show: Show): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `Optional caption: ${TEXT_LIMITS}`,
		displayOptions: { show },
	};
}

/** Image URL and Video URL, each shown for its media type unless the media come from binary data. */
export function mediaUrlFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Image URL',
			name: 'imageUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://example.com/photo.jpg',
			description:
				'A public http(s) URL Threads downloads the image from (JPEG or PNG, at most 8 MB)',
			displayOptions: { show: { ...show, mediaType: ['IMAGE'] }, hide: HIDE_FOR_BINARY },
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
			displayOptions: { show: { ...show, mediaType: ['VIDEO'] }, hide: HIDE_FOR_BINARY },
		},
	];
}
