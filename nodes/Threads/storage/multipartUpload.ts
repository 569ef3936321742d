import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type ByteSource, PartReader } from './partReader';
import { type S3Answer, s3Request, type StorageContext } from './s3Request';
import type { StorageSettings } from './storageSettings';

/** S3's rules: every part but the last at least 5 MiB, at most 10,000 parts. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10000;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/** The part size for a file: 8 MiB, or more when 10,000 parts of 8 MiB would not hold it. */
export function partSizeFor(size: number, preferred: number = DEFAULT_PART_SIZE): number {
	const mib = 1024 * 1024;
	const needed = Math.ceil(size / MAX_PARTS / mib) * mib;
	return Math.max(MIN_PART_SIZE, preferred, needed);
}

export interface MultipartOptions {
	key: string;
	contentType: string;
	/** The size the caller announced; the upload fails (and is aborted) when the stream differs. */
	size: number;
	partSize: number;
	/** Parts in flight at once; memory holds about (concurrency + 1) parts. */
	concurrency: number;
}

function uploadIdOf(answer: S3Answer): string | undefined {
	return /<UploadId>([^<]+)<\/UploadId>/.exec(answer.body)?.[1];
}

function etagOf(answer: S3Answer): string | undefined {
	const etag = answer.headers.etag ?? answer.headers.ETag;
	return typeof etag === 'string' && etag !== '' ? etag : undefined;
}

function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

function completionXml(etags: string[]): string {
	const parts = etags
		.map(
			(etag, index) =>
				`<Part><PartNumber>${index + 1}</PartNumber><ETag>${xmlEscape(etag)}</ETag></Part>`,
		)
		.join('');
	return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${parts}</CompleteMultipartUpload>`;
}

/**
 * Uploads a stream as one object in parts: create, parts (a few at a time, read from the stream only
 * as fast as they go out), complete. On any failure the upload is aborted, so the storage keeps no
 * parts, and the error says whether that worked.
 */
export async function uploadMultipart(
	context: StorageContext,
	settings: StorageSettings,
	source: ByteSource,
	options: MultipartOptions,
): Promise<{ parts: number; bytes: number }> {
	const { key } = options;
	const label = `upload "${key}"`;
	const created = await s3Request(context, settings, {
		method: 'POST',
		key,
		query: { uploads: '' },
		headers: { 'Content-Type': options.contentType },
		action: `start the multipart ${label}`,
		retrySafe: false,
	});
	const uploadId = uploadIdOf(created);
	if (!uploadId) {
		throw new NodeApiError(
			context.getNode(),
			{ status: created.statusCode },
			{
				message: `The storage did not return an upload ID to ${label}`,
				description:
					'It answered the multipart upload request without <UploadId>: is the Endpoint an S3 API?',
			},
		);
	}

	const reader = new PartReader(source, Math.max(MIN_PART_SIZE, options.partSize));
	const etags: string[] = [];
	const inFlight = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	const sendPart = async (partNumber: number, body: Buffer) => {
		const answer = await s3Request(context, settings, {
			method: 'PUT',
			key,
			query: { partNumber: String(partNumber), uploadId },
			headers: {
				'Content-Type': 'application/octet-stream',
				'Content-Length': String(body.byteLength),
			},
			body,
			action: `send part ${partNumber} of ${label}`,
			retrySafe: true,
		});
		const etag = etagOf(answer);
		if (!etag)
			throw new NodeApiError(
				context.getNode(),
				{},
				{ message: `The storage returned no ETag for part ${partNumber} of ${label}` },
			);
		etags[partNumber - 1] = etag;
		reader.release(body, options.concurrency);
	};
	try {
		for (let partNumber = 1; failure === undefined; partNumber++) {
			const body = await reader.next();
			if (!body) break;
			if (partNumber > MAX_PARTS)
				throw new NodeApiError(
					context.getNode(),
					{},
					{ message: `${label} needs more than ${MAX_PARTS} parts` },
				);
			const running: Promise<void> = sendPart(partNumber, body)
				.catch((error) => {
					failure ??= { error };
				})
				.finally(() => inFlight.delete(running));
			inFlight.add(running);
			if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
		}
		await Promise.all(inFlight);
		if (failure) throw failure.error;
		if (reader.bytesRead !== options.size) {
			throw new NodeApiError(
				context.getNode(),
				{},
				{
					message: `The media stream held ${reader.bytesRead} bytes, not the ${options.size} announced, for ${label}`,
					description: 'Nothing was kept on the storage.',
				},
			);
		}
		await s3Request(context, settings, {
			method: 'POST',
			key,
			query: { uploadId },
			headers: { 'Content-Type': 'application/xml' },
			body: completionXml(etags),
			action: `complete the multipart ${label}`,
			retrySafe: false,
		});
		return { parts: etags.length, bytes: reader.bytesRead };
	} catch (error) {
		await Promise.allSettled(inFlight);
		await reader.close();
		throw await abortAfter(context, settings, key, uploadId, error);
	}
}

/** Aborts the upload and returns the error to throw, saying whether the parts are gone. */
async function abortAfter(
	context: StorageContext,
	settings: StorageSettings,
	key: string,
	uploadId: string,
	error: unknown,
): Promise<NodeApiError | NodeOperationError> {
	let aborted = true;
	try {
		await s3Request(context, settings, {
			method: 'DELETE',
			key,
			query: { uploadId },
			action: `abort the multipart upload "${key}"`,
			retrySafe: true,
		});
	} catch {
		aborted = false;
	}
	const note = aborted
		? 'The partial upload was aborted: the storage keeps none of its parts.'
		: "The partial upload could not be aborted: its parts stay on the storage until the bucket's lifecycle rule removes incomplete multipart uploads.";
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.description = [error.description, note].filter(Boolean).join(' ');
		return error;
	}
	// The source failed (a binary file that could not be read, a stream that broke).
	const reason = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
	return new NodeOperationError(
		context.getNode(),
		`Reading the media failed while uploading "${key}": ${reason}`,
		{
			description: note,
		},
	);
}
