import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { attempt } from '../shared/attempt';
import { mapWithConcurrency } from '../shared/concurrency';
import { redactSecrets } from '../shared/redact';
import { deleteMedia, type MediaInput, uploadMedia } from '../storage/mediaStorage';
import type { MediaPlan, PlannedFile } from './mediaPlan';

/**
 * Puts an item's binary media where Threads can fetch it (uploaded to the storage, or a URL signed
 * by n8n), runs the post with those URLs, then deletes what it uploaded: after a published post,
 * after a failure, and after a cancelled run that gets this far. Only a process killed mid-way
 * leaves its uploads (the README says how a lifecycle rule removes them).
 */

/** Uploads under way at once: memory holds about three multipart parts (8 MiB) per upload. */
const UPLOAD_CONCURRENCY = 2;
const STREAM_CHUNK_BYTES = 256 * 1024;
/** How long a URL n8n signs stays valid: Threads fetches the media within minutes. */
const SIGNED_URL_LIFETIME = '1h';

/** The fields of an upload report, as errors carry them in their context (error items show them). */
export const UPLOAD_REPORT_FIELDS = ['uploadedKeys', 'uploadedFilesDeleted', 'uploadCleanupError'];

/** What the output (or the error) says about the uploaded files. */
export interface UploadReport extends IDataObject {
	uploadedKeys: string[];
	uploadedFilesDeleted: boolean;
	/** Why they were not deleted, when a delete failed. */
	uploadCleanupError?: string;
}

function cancelled(context: IExecuteFunctions): boolean {
	return context.getExecutionCancelSignal?.()?.aborted === true;
}

function stopIfCancelled(context: IExecuteFunctions, itemIndex: number): void {
	if (!cancelled(context)) return;
	throw new NodeOperationError(context.getNode(), 'The execution was cancelled before publishing', {
		itemIndex,
	});
}

async function mediaInput(context: IExecuteFunctions, file: PlannedFile): Promise<MediaInput> {
	const base = { contentType: file.contentType, fileName: file.fileName };
	// Stored binary data (filesystem, database, s3 modes) is streamed part by part; binary data held
	// in memory is in memory already.
	if (file.binary.id) {
		const stream = await context.helpers.getBinaryStream(file.binary.id, STREAM_CHUNK_BYTES);
		return { ...base, stream, size: file.size };
	}
	const buffer = await context.helpers.getBinaryDataBuffer(file.inputItem, file.property);
	return { ...base, buffer, size: buffer.byteLength };
}

/** Says which file an upload error is about, and that Threads got nothing. */
function namingFile(error: unknown, file: PlannedFile): unknown {
	const target = error as { description?: string | null };
	if (typeof target !== 'object' || target === null) return error;
	const intro = `Uploading ${file.label} to the storage failed: nothing was sent to Threads.`;
	target.description = target.description ? `${intro} ${target.description}` : intro;
	return error;
}

/** Uploads every file (a few at a time); each key is recorded, at the file's index, as soon as it exists. */
async function upload(
	context: IExecuteFunctions,
	itemIndex: number,
	plan: Extract<MediaPlan, { source: 'binaryField' }>,
	keys: string[],
): Promise<string[]> {
	return await mapWithConcurrency(plan.files, UPLOAD_CONCURRENCY, async (file, index) => {
		stopIfCancelled(context, itemIndex);
		const outcome = await attempt(
			async () => await uploadMedia(context, plan.storage, await mediaInput(context, file)),
		);
		if (!outcome.ok) throw namingFile(outcome.error, file);
		keys[index] = outcome.value.key;
		return outcome.value.url;
	});
}

async function cleanUp(
	context: IExecuteFunctions,
	plan: Extract<MediaPlan, { source: 'binaryField' }>,
	keys: string[],
): Promise<UploadReport> {
	if (plan.keep || keys.length === 0) {
		return { uploadedKeys: keys, uploadedFilesDeleted: false };
	}
	const outcome = await attempt(async () => await deleteMedia(context, plan.storage, keys));
	if (outcome.ok) return { uploadedKeys: keys, uploadedFilesDeleted: true };
	const reason = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
	return {
		uploadedKeys: keys,
		uploadedFilesDeleted: false,
		uploadCleanupError: redactSecrets(reason).slice(0, 300),
	};
}

function reportSentence(report: UploadReport): string {
	if (report.uploadedKeys.length === 0) return 'Nothing was left on the storage.';
	const list = report.uploadedKeys.join(', ');
	if (report.uploadedFilesDeleted) return `The uploaded files were deleted (${list}).`;
	if (report.uploadCleanupError) {
		return `The uploaded files could not be deleted (${report.uploadCleanupError}): delete ${list} yourself, or let a lifecycle rule on the Key Prefix remove them.`;
	}
	return `The uploaded files were kept (Keep Uploaded Files): ${list}.`;
}

/** Adds the upload report to an error: its context (error items show it) and its description. */
function withReport(error: unknown, report: UploadReport): unknown {
	const target = error as { context?: IDataObject; description?: string | null };
	if (typeof target !== 'object' || target === null) return error;
	target.context ??= {};
	Object.assign(target.context, report);
	const sentence = reportSentence(report);
	target.description = target.description ? `${target.description} ${sentence}` : sentence;
	return error;
}

/**
 * Runs `publish` with the URLs Threads fetches the plan's files from, in the plan's order. Without
 * a plan (Media Source URL) it runs `publish` as it is. With Binary Field the result (or the
 * error) tells which keys were uploaded and whether they were deleted.
 */
export async function withStagedMedia<T extends IDataObject>(
	context: IExecuteFunctions,
	itemIndex: number,
	plan: MediaPlan | undefined,
	publish: (urls: string[]) => Promise<T>,
): Promise<T | (T & UploadReport)> {
	if (!plan) return await publish([]);
	if (plan.source === 'signedUrl') {
		const urls = plan.files.map((file) =>
			context.helpers.createBinarySignedUrl(file.binary, SIGNED_URL_LIFETIME),
		);
		return await publish(urls);
	}
	// In the plan's order; a file whose upload has not finished has no key.
	const keys: string[] = [];
	const uploaded = () => keys.filter(Boolean);
	try {
		const urls = await upload(context, itemIndex, plan, keys);
		stopIfCancelled(context, itemIndex);
		const value = await publish(urls);
		return { ...value, ...(await cleanUp(context, plan, uploaded())) };
	} catch (error) {
		throw withReport(error, await cleanUp(context, plan, uploaded()));
	}
}
