import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isLoopbackApiBase } from '../auth/apiHost';
import { type BinaryFile, type MediaSource, readBinaryFile } from '../parameters/binaryMedia';
import { mediaFileProblem, mediaKindOfType, normalizeMimeType } from '../posts/mediaFiles';
import type { MediaKind } from '../posts/postSpec';
import { assertNoProblems } from '../posts/postRules';
import { publicUrlProblem } from '../posts/publicUrl';
import { readStorageSettings } from '../storage/mediaStorage';
import {
	objectUrl,
	STORAGE_CREDENTIAL_TYPE,
	type StorageSettings,
} from '../storage/storageSettings';
import { CREDENTIAL_TYPE } from '../transport/request';

/**
 * Media from binary data, checked before anything is uploaded or sent: each file against Meta's
 * rules and the media type chosen, then what its source needs (the storage credential, a URL
 * Threads can reach, binary data n8n can serve).
 */

/** One image or video to take from binary data. */
export interface MediaRequest {
	inputItem: number;
	property: string;
	/** What the post expects; undefined: whatever the file is (a carousel item set to "From URL or File"). */
	kind?: MediaKind;
	/** Prefix for messages, e.g. `Carousel Item 2: `. */
	context?: string;
	/** The field that names the property, for messages. */
	fieldName?: string;
}

export interface PlannedFile extends BinaryFile {
	kind: MediaKind;
}

export type MediaPlan =
	| { source: 'binaryField'; files: PlannedFile[]; storage: StorageSettings; keep: boolean }
	| { source: 'signedUrl'; files: PlannedFile[] };

function capitalized(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

function refuse(context: IExecuteFunctions, itemIndex: number, message: string, hint: string) {
	return new NodeOperationError(context.getNode(), message, {
		itemIndex,
		description: `Nothing was uploaded or sent to Threads. ${hint}`,
	});
}

/** Whether what fetches the media is on this machine (the local sandbox), so local URLs reach it. */
async function threadsFetchesLocally(context: IExecuteFunctions, itemIndex: number) {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE, itemIndex);
	return isLoopbackApiBase(credentials.apiBaseUrl);
}

async function readStorage(context: IExecuteFunctions, itemIndex: number) {
	if (!context.getNode().credentials?.[STORAGE_CREDENTIAL_TYPE]) {
		throw refuse(
			context,
			itemIndex,
			'Media Source "Binary Field" needs an S3-Compatible Storage credential, and none is selected',
			'Select or create one in the node\'s S3-Compatible Storage credential field (the file goes there for Threads to fetch), or choose Media Source "Signed URL From This Instance" or "URL".',
		);
	}
	return await readStorageSettings(context, itemIndex);
}

function storageReachProblem(storage: StorageSettings): string | undefined {
	const sample = storage.publicBaseUrl ?? objectUrl(storage, 'media');
	if (!publicUrlProblem(sample, 'media URL')) return undefined;
	const where = storage.publicBaseUrl ? 'Public Base URL' : 'Endpoint';
	return `The S3-Compatible Storage credential's media URLs would be on ${new URL(sample).host} (its ${where}), a local or private address Threads cannot download from`;
}

const SIGNED = 'Media Source "Signed URL From This Instance"';

/** Why n8n cannot serve these files to Threads through a signed URL, and what to do; undefined when it can. */
function signedUrlProblem(files: PlannedFile[]): { message: string; hint: string } | undefined {
	const inMemory = files.find((file) => !file.binary.id);
	if (inMemory) {
		return {
			message: `${SIGNED}: ${inMemory.label} is held in memory, and n8n signs URLs only for binary data it stores (binary data mode filesystem, database or s3)`,
			hint: 'Set N8N_DEFAULT_BINARY_DATA_MODE to filesystem (or database, s3), or choose Media Source "Binary Field" (S3-compatible storage).',
		};
	}
	// n8n serves the file with the type it was stored with: that one must be Meta's.
	const untyped = files.find(
		(file) => normalizeMimeType(file.binary.mimeType) !== file.contentType,
	);
	if (untyped) {
		return {
			message: `${SIGNED}: ${untyped.label} is stored as ${untyped.binary.mimeType || 'no content type'}, and n8n would serve it as that, not as ${untyped.contentType}`,
			hint: 'Give the file its real MIME type in the node that makes it, or choose Media Source "Binary Field" (the upload gets the right Content-Type).',
		};
	}
	return undefined;
}

/** n8n signs URLs for binary data from 1.90 on; an older n8n's helpers have no createBinarySignedUrl. */
function assertCanSign(context: IExecuteFunctions, itemIndex: number): void {
	if (typeof context.helpers.createBinarySignedUrl === 'function') return;
	throw refuse(
		context,
		itemIndex,
		`${SIGNED} needs n8n 1.90 or newer`,
		'Update n8n, or choose Media Source "Binary Field" (S3-compatible storage) or "URL".',
	);
}

/** A URL n8n signs for the file (short-lived: only its address is looked at). */
function sampleSignedUrl(context: IExecuteFunctions, file: PlannedFile): string {
	return context.helpers.createBinarySignedUrl(file.binary, '1m');
}

/**
 * Reads and checks every file of an item (all problems at once, the first as the message), then
 * what the source needs. Throws before any upload or request; returns what staging needs.
 */
export async function planMedia(
	context: IExecuteFunctions,
	itemIndex: number,
	source: Exclude<MediaSource, 'url'>,
	requests: MediaRequest[],
	keep: boolean,
): Promise<MediaPlan> {
	if (source === 'signedUrl') assertCanSign(context, itemIndex);
	const files: PlannedFile[] = [];
	const problems: string[] = [];
	for (const request of requests) {
		const file = await readBinaryFile(
			context,
			request.inputItem,
			request.property,
			request.fieldName,
		);
		const label = `${request.context ?? ''}${file.label}`;
		const problem = mediaFileProblem(file, request.kind, capitalized(label));
		if (problem) problems.push(problem);
		const kind = mediaKindOfType(file.contentType) ?? request.kind ?? 'IMAGE';
		files.push({ ...file, label, kind });
	}
	assertNoProblems(context, problems, itemIndex);

	const local = await threadsFetchesLocally(context, itemIndex);
	if (source === 'signedUrl') {
		const problem = signedUrlProblem(files);
		if (problem) throw refuse(context, itemIndex, problem.message, problem.hint);
		const url = sampleSignedUrl(context, files[0]);
		if (!local && publicUrlProblem(url, 'signed URL')) {
			throw refuse(
				context,
				itemIndex,
				`${SIGNED}: this n8n's URL is ${new URL(url).origin}, a local or private address Threads cannot download from`,
				'Set WEBHOOK_URL to the public https address of this n8n (its /rest/binary-data/signed path must be reachable from the internet), or choose Media Source "Binary Field" (S3-compatible storage).',
			);
		}
		return { source, files };
	}
	const storage = await readStorage(context, itemIndex);
	const reach = local ? undefined : storageReachProblem(storage);
	if (reach) {
		throw refuse(
			context,
			itemIndex,
			reach,
			"Set the credential's Public Base URL to a public bucket or CDN address, or use a storage endpoint on the internet.",
		);
	}
	return { source, files, storage, keep };
}
