import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { threadsApiRequest } from '../transport/request';
import type { ErrorKind } from '../shared/metaErrors';
import { isThreadsApiError } from '../transport/errors';
import { type Attempt, attempt } from '../shared/attempt';

export type ContainerState = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

const PROCESSING_ERRORS: Record<string, string> = {
	FAILED_DOWNLOADING_VIDEO:
		'Threads could not download the video: its URL must be public and answer without login',
	FAILED_PROCESSING_AUDIO: 'Threads could not process the audio track (use AAC, at most 48 kHz)',
	FAILED_PROCESSING_VIDEO: 'Threads could not process the video (use MOV or MP4, H.264 or HEVC)',
	INVALID_ASPEC_RATIO: 'The aspect ratio is not allowed (at most 10:1)',
	INVALID_ASPECT_RATIO: 'The aspect ratio is not allowed (at most 10:1)',
	INVALID_BIT_RATE: 'The video bit rate is not allowed',
	INVALID_DURATION: 'The video is too long or too short (at most 5 minutes)',
	INVALID_FRAME_RATE: 'The video frame rate is not allowed (23 to 60 fps)',
	INVALID_AUDIO_CHANNELS: 'The number of audio channels is not allowed',
	INVALID_AUDIO_CHANNEL_LAYOUT: 'The audio channel layout is not allowed',
	UNKNOWN: 'Threads could not process the media and gave no reason',
};

const STATE_MEANINGS: Record<ContainerState, string> = {
	IN_PROGRESS: 'Threads is still processing the media',
	FINISHED: 'Ready to publish',
	PUBLISHED: 'Already published',
	ERROR: 'Processing failed: this container cannot be published',
	EXPIRED: 'Not published within 24 hours: this container can no longer be published',
};

export function explainProcessingError(code: string | undefined): string {
	if (!code) return 'Threads could not process the media';
	return PROCESSING_ERRORS[code] ?? `Threads could not process the media (${code})`;
}

export interface ContainerStatus extends IDataObject {
	id: string;
	status: ContainerState;
	/** The status in plain words. */
	statusDescription: string;
	/** Meta's error_message code, when processing failed. */
	errorMessage: string | null;
	/** That code in plain words. */
	errorDescription: string | null;
	/** The id is a published post, not a container (Meta refuses `status` on posts). */
	isPublishedMedia?: boolean;
}

function isPublishedMediaRefusal(error: unknown): boolean {
	return (
		isThreadsApiError(error) &&
		error.threadsFailure.kind === 'invalidParameter' &&
		/nonexisting field \(status\)/i.test(error.threadsFailure.body?.message ?? '')
	);
}

/** Status of a container; a published media id (whose status Meta refuses to give) is reported as PUBLISHED. */
export async function getContainerStatus(
	this: IExecuteFunctions,
	containerId: string,
	itemIndex: number,
): Promise<ContainerStatus> {
	const read = await attempt(
		async () =>
			await threadsApiRequest.call(this, {
				method: 'GET',
				path: `/${containerId}`,
				qs: { fields: 'id,status,error_message' },
				scope: 'threads_content_publish',
				action: `read the status of container ${containerId}`,
				itemIndex,
			}),
	);
	if (!read.ok) {
		if (isPublishedMediaRefusal(read.error)) {
			return {
				id: containerId,
				status: 'PUBLISHED',
				statusDescription: 'This ID is a published post, not a container',
				errorMessage: null,
				errorDescription: null,
				isPublishedMedia: true,
			};
		}
		throw read.error;
	}
	const response = read.value;
	const status = String(response.status) as ContainerState;
	const code = typeof response.error_message === 'string' ? response.error_message : undefined;
	if (!(status in STATE_MEANINGS)) {
		throw new NodeOperationError(
			this.getNode(),
			`Threads reported an unknown status "${status}" for container ${containerId}`,
			{ itemIndex },
		);
	}
	return {
		id: String(response.id ?? containerId),
		status,
		statusDescription: STATE_MEANINGS[status],
		errorMessage: code ?? null,
		errorDescription: code || status === 'ERROR' ? explainProcessingError(code) : null,
	};
}

/** Failures worth asking again about: the next check may well succeed. */
const PASSING_KINDS: ErrorKind[] = [
	'network',
	'transient',
	'throttled',
	'unknown',
	'mediaNotFound',
];

export function isPassingFailure(error: unknown): boolean {
	return isThreadsApiError(error) && PASSING_KINDS.includes(error.threadsFailure.kind);
}

/**
 * A status read whose passing failures (after the transport's own retries) come back as a value,
 * so a caller that can simply ask again later does not fail the item for them.
 */
export async function readStatusPatiently(
	this: IExecuteFunctions,
	containerId: string,
	itemIndex: number,
): Promise<Attempt<ContainerStatus>> {
	const read = await attempt(
		async () => await getContainerStatus.call(this, containerId, itemIndex),
	);
	if (!read.ok && !isPassingFailure(read.error)) throw read.error;
	return read;
}
