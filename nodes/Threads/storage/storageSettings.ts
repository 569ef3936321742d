import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { encodeKeyPath, type SigningKeys, type SigningScope } from './sigv4';

/** The S3-Compatible Storage credential's type name. */
export const STORAGE_CREDENTIAL_TYPE = 'threadsS3Storage';

export const DEFAULT_KEY_PREFIX = 'threads-media/';
export const DEFAULT_URL_LIFETIME_SECONDS = 3600;
/** SigV4 presigned URLs live at most 7 days. */
export const MAX_URL_LIFETIME_SECONDS = 604800;

/** The credential's fields, checked: where objects go, how they are addressed and signed. */
export interface StorageSettings {
	/** Origin (and optional base path) of the S3 API, without a trailing slash. */
	endpoint: string;
	region: string;
	bucket: string;
	keys: SigningKeys;
	forcePathStyle: boolean;
	/** Where the bucket's objects are public (bucket or CDN URL); no presigning then. */
	publicBaseUrl?: string;
	/** Ends with `/` unless empty. */
	keyPrefix: string;
	urlLifetimeSeconds: number;
}

/** A setting the credential cannot work with; the message names the field and never a secret. */
export class StorageSettingsError extends Error {}

const BUCKET = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

function parseUrl(value: string): URL | undefined {
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

function httpUrl(value: string, field: string, example: string): string {
	const parsed = parseUrl(value);
	if (!parsed) {
		throw new StorageSettingsError(
			`${field} must be a URL such as ${example}, got "${value.slice(0, 100)}"`,
		);
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new StorageSettingsError(`${field} must start with https:// or http://`);
	}
	if (parsed.username || parsed.password || parsed.search || parsed.hash) {
		throw new StorageSettingsError(
			`${field} must not hold a user name, password, query or fragment`,
		);
	}
	return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** `threads-media` -> `threads-media/`; refuses `.` and `..` segments (URLs would collapse them). */
export function normalizeKeyPrefix(value: string): string {
	const prefix = value.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
	if (prefix === '') return '';
	const withSlash = prefix.endsWith('/') ? prefix : `${prefix}/`;
	if (withSlash.split('/').some((segment) => segment === '.' || segment === '..')) {
		throw new StorageSettingsError('Key Prefix must not contain "." or ".." folders');
	}
	return withSlash;
}

function lifetime(value: unknown): number {
	const seconds =
		value === undefined || value === '' ? DEFAULT_URL_LIFETIME_SECONDS : Number(value);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_URL_LIFETIME_SECONDS) {
		throw new StorageSettingsError(
			`URL Lifetime must be a whole number of seconds from 1 to ${MAX_URL_LIFETIME_SECONDS} (7 days)`,
		);
	}
	return seconds;
}

/** Reads and checks the credential's data (defaults applied where n8n has not). */
export function storageSettingsFrom(data: ICredentialDataDecryptedObject): StorageSettings {
	const endpointText = text(data.endpoint);
	if (endpointText === '')
		throw new StorageSettingsError('Endpoint is required, e.g. https://s3.us-east-1.amazonaws.com');
	const endpoint = httpUrl(endpointText, 'Endpoint', 'https://s3.us-east-1.amazonaws.com');
	const bucket = text(data.bucket);
	if (!BUCKET.test(bucket)) {
		throw new StorageSettingsError(
			`Bucket must be a bucket name (3-63 lowercase letters, digits, dots or hyphens), got "${bucket.slice(0, 70)}"`,
		);
	}
	const accessKeyId = text(data.accessKeyId);
	const secretAccessKey = text(data.secretAccessKey);
	if (accessKeyId === '' || secretAccessKey === '') {
		throw new StorageSettingsError('Access Key ID and Secret Access Key are required');
	}
	const sessionToken = text(data.sessionToken);
	const publicBase = text(data.publicBaseUrl);
	return {
		endpoint,
		region: text(data.region) || 'us-east-1',
		bucket,
		keys: { accessKeyId, secretAccessKey, sessionToken: sessionToken || undefined },
		forcePathStyle: data.forcePathStyle === true,
		publicBaseUrl: publicBase
			? httpUrl(publicBase, 'Public Base URL', 'https://media.example.com')
			: undefined,
		keyPrefix: normalizeKeyPrefix(
			data.keyPrefix === undefined ? DEFAULT_KEY_PREFIX : text(data.keyPrefix),
		),
		urlLifetimeSeconds: lifetime(data.urlLifetime),
	};
}

export function signingScope(settings: StorageSettings): SigningScope {
	return { region: settings.region, service: 's3' };
}

/**
 * The URL of an object (or of the bucket, for an empty key): `https://<bucket>.<host>/<key>`, or
 * `<endpoint>/<bucket>/<key>` with Force Path Style (MinIO, Ceph, an IP address or localhost).
 */
export function objectUrl(settings: StorageSettings, key: string): string {
	const path = encodeKeyPath(key);
	const endpoint = new URL(settings.endpoint);
	const basePath = endpoint.pathname.replace(/\/+$/, '');
	if (settings.forcePathStyle) {
		return `${endpoint.origin}${basePath}/${settings.bucket}${key === '' ? '' : `/${path}`}`;
	}
	return `${endpoint.protocol}//${settings.bucket}.${endpoint.host}${basePath}/${path}`;
}
