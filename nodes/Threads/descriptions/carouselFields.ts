import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import {
	BINARY_MEDIA_SOURCES,
	HIDE_FOR_BINARY,
	carouselItemBinaryField,
} from './mediaSource';

/**
 * The fields of a carousel published in one step: its items listed in the node (one carousel per
 * input item) or one item per input item (one carousel for the run), each from a URL or, from
 * version 2, from binary data.
 */

type Show = NonNullable<IDisplayOptions['show']>;

export function carouselFields(show: Show): INodeProperties[] {
	const carousel = { ...show, mediaType: ['CAROUSEL'] };
	const fromItems = { ...carousel, carouselSource: ['inputItems'] };
	return [
		{
			displayName: 'Carousel Items From',
			name: 'carouselSource',
			type: 'options',
			options: [
				{
					name: 'All Input Items',
					value: 'inputItems',
					description: 'One carousel whose items are all the input items, in order',
				},
				{
					name: 'Defined Below',
					value: 'node',
					description: 'One carousel per input item, with the items listed here',
				},
			],
			default: 'node',
			description: 'Where the images and videos of the carousel come from',
			displayOptions: { show: carousel },
		},
		{
			displayName:
				'All input items make one carousel: each item gives one image or video, and the text and options are read from the first item',
			name: 'carouselFromItemsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: fromItems },
		},
		{
			displayName: 'Carousel Items',
			name: 'carouselItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			default: {},
			placeholder: 'Add Carousel Item',
			description: '2 to 20 images and videos, in display order',
			displayOptions: { show: { ...carousel, carouselSource: ['node'] } },
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{
							displayName: 'Media Type',
							name: 'mediaType',
							type: 'options',
							options: [
								{ name: 'Image', value: 'IMAGE' },
								{ name: 'Video', value: 'VIDEO' },
							],
							default: 'IMAGE',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://example.com/photo.jpg',
							description: 'A public http(s) URL Threads downloads the media from',
							displayOptions: { hide: HIDE_FOR_BINARY },
						},
						carouselItemBinaryField,
						{
							displayName: 'Alt Text',
							name: 'altText',
							type: 'string',
							default: '',
							description: 'Describes the media for screen readers (at most 1000 characters)',
						},
					],
				},
			],
		},
		{
			displayName: 'Item Media URL',
			name: 'itemUrl',
			type: 'string',
			default: '={{ $json.url }}',
			required: true,
			description: "Read from each input item: the public URL of that item's image or video",
			displayOptions: { show: fromItems, hide: HIDE_FOR_BINARY },
		},
		{
			displayName: 'Item Input Binary Field',
			name: 'itemBinaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: "The binary property of each input item that holds that item's image or video",
			displayOptions: {
				show: {
					...fromItems,
					'@version': [{ _cnd: { gte: 2 } }],
					mediaSource: BINARY_MEDIA_SOURCES,
				},
			},
		},
		{
			displayName: 'Item Media Type',
			name: 'itemMediaType',
			type: 'options',
			options: [
				{
					name: 'From URL or File',
					value: 'auto',
					description:
						"Video for .mp4, .mov, .m4v URLs and for video files; image otherwise (a binary file's own type decides)",
				},
				{ name: 'Image', value: 'IMAGE' },
				{ name: 'Video', value: 'VIDEO' },
			],
			default: 'auto',
			description: 'Whether each input item holds an image or a video',
			displayOptions: { show: fromItems },
		},
		{
			displayName: 'Item Alt Text',
			name: 'itemAltText',
			type: 'string',
			default: '',
			description: "Read from each input item: the media's alt text (optional)",
			displayOptions: { show: fromItems },
		},
	];
}
