import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../shared/concurrency';
import { partSizeFor, uploadMultipart } from './multipartUpload';
import { newObjectKey } from './objectKeys';
import { type ByteSource, PartReader } from './partReader';
import { s3Request, type StorageContext } from './s3Request';
import { encodeKeyPath, presignUrl } from './sigv4';
import {
	objectUrl,
	signingScope,
	STORAGE_CREDENTIAL_TYPE,
	StorageSettingsError,
	type StorageSettings,
	storageSettingsFrom,
} from './storageSettings';

/**
 * The storage layer's API: put media from n8n binary data into an S3-compatible bucket and get a
 * URL Threads can fetch, then delete it. Requests go through n8n's httpRequestWithAuthentication;
 * the S3-Compatible Storage credential signs them.
 */

export type MediaInput = {
	/** Announced size in bytes (n8n's binary metadata); a stream of another length is refused. */
	size: number;
	contentType: string;
	fileName?: string;
} & ({ buffer: Buffer; stream?: never } | { stream: ByteSource; buffer?: never });

export interface UploadOptions {
	/** Bytes per part of a multipart upload (default 8 MiB, at least 5 MiB; more for huge files). */
	partSize?: number;
	/** Parts in flight at once (default 2); memory holds about this many parts plus one. */
	concurrency?: number;
}

export interface MediaUrl {
	url: string;
	/** When a presigned URL stops working (ISO 8601); absent for a public URL. */
	expiresAt?: string;
}

export interface UploadedMedia extends MediaUrl {
	key: string;
	size: number;
	contentType: string;
	/** 1 for a single PUT. */
	parts: number;
}

const CONTENT_TYPE =
	/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(?:\s*;[^\r\n]{0,200})?$/;
const DELETE_CONCURRENCY = 4;

/** The S3-Compatible Storage credential's settings, checked; a bad one fails with the field named. */
export async function readStorageSettings(
	context: IExecuteFunctions,
	itemIndex = 0,
): Promise<StorageSettings> {
	const data = await context.getCredentials(STORAGE_CREDENTIAL_TYPE, itemIndex);
	try {
		return storageSettingsFrom(data);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`S3-Compatible Storage credential: ${error instanceof StorageSettingsError ? error.message : 'unreadable settings'}`,
			{ itemIndex, description: 'Nothing was uploaded. Fix the credential and run again.' },
		);
	}
}

/**
 * A URL for an object: under the Public Base URL when one is set, else presigned for the URL
 * Lifetime. Signed at the real time (the storage checks it), even when tests simulate the clock.
 */
export function mediaUrl(storage: StorageSettings, key: string, now = new Date()): MediaUrl {
	if (storage.publicBaseUrl) return { url: `${storage.publicBaseUrl}/${encodeKeyPath(key)}` };
	const lifetime = storage.urlLifetimeSeconds;
	return {
		url: presignUrl(objectUrl(storage, key), storage.keys, signingScope(storage), now, lifetime),
		expiresAt: new Date(now.getTime() + lifetime * 1000).toISOString(),
	};
}

function refuse(
	context: StorageContext,
	message: string,
	description = 'Nothing was uploaded.',
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { description });
}

async function readWhole(
	context: StorageContext,
	source: ByteSource,
	size: number,
): Promise<Buffer> {
	const reader = new PartReader(source, size);
	try {
		const body = (await reader.next()) ?? Buffer.alloc(0);
		const more = await reader.next();
		if (more || body.byteLength !== size) {
			throw refuse(
				context,
				`The media stream held ${reader.bytesRead} bytes, not the ${size} announced`,
			);
		}
		return body;
	} finally {
		await reader.close();
	}
}

function byteSourceOf(buffer: Buffer): ByteSource {
	return (async function* () {
		yield buffer;
	})();
}

/**
 * Uploads media under a new key (`<prefix><date>/<random>-<safe name>`) and returns the key and
 * its URL. A file that fits in one part goes in one PUT; a larger one in a multipart upload read
 * part by part from the stream, aborted on failure.
 */
export async function uploadMedia(
	context: StorageContext,
	storage: StorageSettings,
	media: MediaInput,
	options: UploadOptions = {},
): Promise<UploadedMedia> {
	const { size, contentType } = media;
	if (!Number.isSafeInteger(size) || size <= 0)
		throw refuse(context, `The media is empty or its size is unknown (${size} bytes)`);
	if (!CONTENT_TYPE.test(contentType))
		throw refuse(
			context,
			`"${contentType.slice(0, 80)}" is not a content type such as image/jpeg or video/mp4`,
		);
	const now = new Date();
	const key = newObjectKey(storage.keyPrefix, media.fileName, contentType, now);
	const partSize = partSizeFor(size, options.partSize);
	const source = media.buffer ? byteSourceOf(media.buffer) : media.stream;
	let parts = 1;
	if (size <= partSize) {
		const body =
			media.buffer && media.buffer.byteLength === size
				? media.buffer
				: await readWhole(context, source, size);
		await s3Request(context, storage, {
			method: 'PUT',
			key,
			headers: { 'Content-Type': contentType, 'Content-Length': String(size) },
			body,
			action: `upload "${key}"`,
			retrySafe: true,
		});
	} else {
		const done = await uploadMultipart(context, storage, source, {
			key,
			contentType,
			size,
			partSize,
			concurrency: Math.max(1, Math.min(options.concurrency ?? 2, 8)),
		});
		parts = done.parts;
	}
	return { key, ...mediaUrl(storage, key, now), size, contentType, parts };
}

/** Deletes objects this storage layer uploaded; a key outside the Key Prefix is refused before any request. */
export async function deleteMedia(
	context: StorageContext,
	storage: StorageSettings,
	keys: string[],
): Promise<{ deleted: string[] }> {
	const outside = keys.find(
		(key) => !key.startsWith(storage.keyPrefix) || key.length === storage.keyPrefix.length,
	);
	if (outside !== undefined) {
		throw refuse(
			context,
			`Refused to delete "${outside.slice(0, 200)}": it is not under the Key Prefix "${storage.keyPrefix}"`,
			'Nothing was deleted. Only media uploaded with this credential can be deleted.',
		);
	}
	await mapWithConcurrency(keys, DELETE_CONCURRENCY, async (key) => {
		await s3Request(context, storage, {
			method: 'DELETE',
			key,
			action: `delete "${key}"`,
			retrySafe: true,
		});
	});
	return { deleted: keys };
}

/** Checks that the bucket answers to these keys (HEAD bucket); throws in plain words when not. */
export async function checkBucket(
	context: StorageContext,
	storage: StorageSettings,
): Promise<void> {
	await s3Request(context, storage, {
		method: 'HEAD',
		key: '',
		action: 'reach the bucket',
		retrySafe: true,
	});
}
