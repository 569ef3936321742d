import type { StorageSettings } from './storageSettings';

/**
 * S3's error answers in plain words. A message names the S3 error code and what to change, and
 * never carries the answer's body: AWS echoes the string it signed and the access key in some.
 */

export interface S3ErrorBody {
	code?: string;
	region?: string;
}

function tag(xml: string, name: string): string | undefined {
	const match = new RegExp(`<${name}>([^<]{0,200})</${name}>`).exec(xml);
	return match ? match[1].trim() : undefined;
}

export function parseS3Error(body: unknown): S3ErrorBody {
	const xml = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
	if (!xml.includes('<Error>')) return {};
	return { code: tag(xml, 'Code'), region: tag(xml, 'Region') };
}

export interface S3FailureContext {
	/** What was being done, e.g. `upload "threads-media/…/a.jpg"`. */
	action: string;
	settings: StorageSettings;
}

export interface S3Failure {
	message: string;
	description: string;
	/** Worth another try: throttling or the server's own trouble. */
	transient: boolean;
}

const TRANSIENT_CODES = new Set([
	'SlowDown',
	'InternalError',
	'ServiceUnavailable',
	'RequestTimeout',
]);

function where(settings: StorageSettings): string {
	return `bucket "${settings.bucket}" at ${new URL(settings.endpoint).host}`;
}

function explain(
	code: string | undefined,
	status: number,
	context: S3FailureContext,
	region?: string,
): [string, string] {
	const { settings } = context;
	switch (code) {
		case 'SignatureDoesNotMatch':
			return [
				'The storage refused the request signature (SignatureDoesNotMatch)',
				'The Secret Access Key does not belong to the Access Key ID, or the Region is not the one the storage expects. Check both in the S3-Compatible Storage credential.',
			];
		case 'InvalidAccessKeyId':
			return [
				'The storage does not know this Access Key ID (InvalidAccessKeyId)',
				'Check the Access Key ID and the Endpoint in the S3-Compatible Storage credential.',
			];
		case 'ExpiredToken':
		case 'InvalidToken':
		case 'TokenRefreshRequired':
			return [
				`The storage refused the session token (${code})`,
				'Temporary keys expire: put fresh keys and session token in the credential, or use long-term keys.',
			];
		case 'AccessDenied':
			return [
				`The storage denied access to ${where(settings)} (AccessDenied)`,
				'These keys lack a permission: uploading needs s3:PutObject (and s3:AbortMultipartUpload), deleting s3:DeleteObject, the credential test s3:ListBucket on the bucket.',
			];
		case 'NoSuchBucket':
			return [
				`There is no ${where(settings)} (NoSuchBucket)`,
				'Check the Bucket, the Endpoint and Force Path Style in the credential; create the bucket first.',
			];
		case 'AuthorizationHeaderMalformed':
		case 'PermanentRedirect':
		case 'IncorrectEndpoint':
			return [
				`The ${where(settings)} is not reached with Region "${settings.region}" (${code})`,
				region
					? `The storage says the bucket is in region "${region}": set that Region and its Endpoint.`
					: "Set the bucket's own Region and Endpoint in the credential.",
			];
		case 'RequestTimeTooSkewed':
			return [
				'The storage refused the request time (RequestTimeTooSkewed)',
				"This machine's clock is more than 15 minutes off: fix the system time.",
			];
		case 'EntityTooLarge':
			return [
				'The storage refused the object size (EntityTooLarge)',
				'The file is larger than the storage accepts in one request or in total.',
			];
		case 'NoSuchUpload':
			return [
				'The multipart upload no longer exists on the storage (NoSuchUpload)',
				'It was aborted or expired while parts were being sent: run the upload again.',
			];
		case 'QuotaExceeded':
			return [
				'The storage quota is full (QuotaExceeded)',
				'Free space in the bucket or raise its quota.',
			];
	}
	if (code)
		return [
			`The storage answered ${code} (HTTP ${status}) to ${context.action}`,
			`On ${where(settings)}.`,
		];
	// HEAD answers carry no body: the status is all there is.
	if (status === 403) {
		return [
			`The storage refused these keys for ${where(settings)} (HTTP 403)`,
			'Check the Access Key ID, the Secret Access Key and the Region, and that the keys may read the bucket (s3:ListBucket).',
		];
	}
	if (status === 404)
		return [
			`There is no ${where(settings)} (HTTP 404)`,
			'Check the Bucket, the Endpoint and Force Path Style in the credential.',
		];
	if (status === 301 || status === 307) {
		return [
			`The ${where(settings)} is in another region (HTTP ${status})`,
			"Set the bucket's own Region and Endpoint in the credential.",
		];
	}
	return [`The storage answered HTTP ${status} to ${context.action}`, `On ${where(settings)}.`];
}

export function describeS3Failure(
	status: number,
	body: unknown,
	context: S3FailureContext,
): S3Failure {
	const { code, region } = parseS3Error(body);
	const [message, description] = explain(code, status, context, region);
	const transient =
		(code !== undefined && TRANSIENT_CODES.has(code)) ||
		status === 500 ||
		status === 502 ||
		status === 503 ||
		status === 504;
	return { message, description, transient };
}
