import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { signStorageRequest } from '../nodes/Threads/storage/signStorageRequest';
import {
	DEFAULT_KEY_PREFIX,
	DEFAULT_URL_LIFETIME_SECONDS,
	MAX_URL_LIFETIME_SECONDS,
	storageSettingsFrom,
} from '../nodes/Threads/storage/storageSettings';

export class S3CompatibleStorage implements ICredentialType {
	name = 'threadsS3Storage';

	displayName = 'S3-Compatible Storage';

	icon: Icon = { light: 'file:threads.svg', dark: 'file:threads.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-meta-threads/n8n-nodes-meta-threads#s3-compatible-storage-media-from-binary-data';

	properties: INodeProperties[] = [
		{
			displayName:
				'Where the Threads node puts media from binary data so Threads can fetch it: any S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO, Ceph). Threads gets a presigned URL, or a URL under the Public Base URL when one is set.',
			name: 'storageNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://s3.us-east-1.amazonaws.com',
			description:
				'The S3 API URL: https://s3.REGION.amazonaws.com (AWS), https://ACCOUNT_ID.r2.cloudflarestorage.com (R2), https://s3.REGION.backblazeb2.com (B2), or your MinIO or Ceph server',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'us-east-1',
			description: 'The bucket\'s region; "auto" for Cloudflare R2',
		},
		{
			displayName: 'Bucket',
			name: 'bucket',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary keys (AWS STS)',
		},
		{
			displayName: 'Force Path Style',
			name: 'forcePathStyle',
			type: 'boolean',
			default: false,
			description:
				'Whether to address the bucket as ENDPOINT/BUCKET instead of BUCKET.ENDPOINT-HOST. Turn on for MinIO, Ceph, or an endpoint that is an IP address or localhost.',
		},
		{
			displayName: 'Public Base URL',
			name: 'publicBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://media.example.com',
			description:
				"Optional. The public URL of the bucket's objects (a public bucket or a CDN domain): media URLs are then this URL plus the object key, with no signature and no expiry.",
		},
		{
			displayName: 'Key Prefix',
			name: 'keyPrefix',
			type: 'string',
			default: DEFAULT_KEY_PREFIX,
			description:
				'Folder for uploaded media; keys are PREFIX/YYYY-MM-DD/RANDOM-FILE-NAME. Only keys under it can be deleted through this credential.',
		},
		{
			displayName: 'URL Lifetime (Seconds)',
			name: 'urlLifetime',
			type: 'number',
			default: DEFAULT_URL_LIFETIME_SECONDS,
			typeOptions: { minValue: 1, maxValue: MAX_URL_LIFETIME_SECONDS },
			description:
				'How long a presigned media URL works (at most 604800, 7 days). Threads fetches the media while it processes the post, within minutes.',
		},
	];

	/** Signs every request with AWS Signature Version 4; a path like `/` is resolved in the bucket. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signStorageRequest(storageSettingsFrom(credentials), requestOptions, new Date());
	}

	test: ICredentialTestRequest = {
		request: { method: 'HEAD', url: '/' },
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The storage refused these keys for the bucket (HTTP 403): check the Access Key ID, the Secret Access Key, the Region, and that the keys may list the bucket (s3:ListBucket)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No such bucket at this endpoint (HTTP 404): check the Bucket, the Endpoint and Force Path Style',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 301,
					message:
						"The bucket is in another region (HTTP 301): set the bucket's own Region and Endpoint",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'The storage refused the request (HTTP 400): check the Region (the bucket may be in another one) and the Endpoint',
				},
			},
		],
	};
}
