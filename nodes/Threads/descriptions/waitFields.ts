import type { INodeProperties } from 'n8n-workflow';

/** The waiting and output settings a publishing operation adds to its Options collection. */

export type WaitOptionKey =
	| 'maxWait'
	| 'includePermalink'
	| 'concurrency'
	| 'checkQuota'
	| 'overQuota'
	| 'keepUploadedFiles';

export const WAIT_FIELDS: Record<WaitOptionKey, INodeProperties> = {
	checkQuota: {
		displayName: 'Check Publishing Quota',
		name: 'checkQuota',
		type: 'boolean',
		default: true,
		description:
			'Whether to read the 24-hour publishing quota once before two or more items, and fail the items beyond it before creating anything',
	},
	concurrency: {
		displayName: 'Carousel Concurrency',
		name: 'concurrency',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 20 },
		description: 'How many carousel items are created and checked at the same time',
	},
	includePermalink: {
		displayName: 'Include Permalink',
		name: 'includePermalink',
		type: 'boolean',
		default: true,
		description: "Whether to read the post's permalink after publishing (one more request)",
	},
	overQuota: {
		displayName: 'Over Quota',
		name: 'overQuota',
		type: 'options',
		default: 'fail',
		description:
			'What happens to the items the remaining 24-hour publishing quota cannot hold, found by Check Publishing Quota before anything is sent',
		options: [
			{
				name: 'Fail the Item',
				value: 'fail',
				description: 'Each such item is an error (with Continue On Fail, an error item)',
			},
			{
				name: 'Defer',
				value: 'defer',
				description:
					'Send nothing for those items and return each as an output item with status DEFERRED and its text, so the run succeeds; the quota is read for a single item too',
			},
		],
	},
	keepUploadedFiles: {
		displayName: 'Keep Uploaded Files',
		name: 'keepUploadedFiles',
		type: 'boolean',
		default: false,
		description:
			'Whether to leave the files uploaded to the S3-compatible storage there. Off: they are deleted once the post is published, and when it fails.',
		displayOptions: { show: { '/mediaSource': ['binaryField'] } },
	},
	maxWait: {
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		default: 300,
		typeOptions: { minValue: 1 },
		description:
			'How long to wait for Threads to process media before failing the item with its container ID',
	},
};
