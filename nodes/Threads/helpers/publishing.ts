import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isThreadsApiError } from '../transport/errors';
import { attempt } from './attempt';
import { threadsApiRequest } from '../transport';
import { type Clock, clock as defaultClock } from './clock';
import { DEFAULT_MAX_WAIT_MS, pollUntil, scheduleFor } from './polling';

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

export function explainProcessingError(code: string | undefined): string {
	if (!code) return 'Threads could not process the media';
	return PROCESSING_ERRORS[code] ?? `Threads could not process the media (${code})`;
}

export interface ContainerStatus extends IDataObject {
	id: string;
	status: ContainerState;
	errorMessage: string | null;
	errorDescription: string | null;
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
		const error = read.error;
		if (
			isThreadsApiError(error) &&
			error.threadsFailure.kind === 'invalidParameter' &&
			/status/.test(error.threadsFailure.body?.message ?? '')
		) {
			return {
				id: containerId,
				status: 'PUBLISHED',
				errorMessage: null,
				errorDescription: null,
				isPublishedMedia: true,
			};
		}
		throw error;
	}
	const response = read.value;
	const code = typeof response.error_message === 'string' ? response.error_message : undefined;
	return {
		id: String(response.id ?? containerId),
		status: String(response.status) as ContainerState,
		errorMessage: code ?? null,
		errorDescription: code ? explainProcessingError(code) : null,
	};
}

export async function waitForContainer(
	this: IExecuteFunctions,
	containerId: string,
	mediaType: string,
	itemIndex: number,
	maxWaitMs = DEFAULT_MAX_WAIT_MS,
	clock: Clock = defaultClock,
): Promise<ContainerStatus> {
	let last: ContainerStatus | undefined;
	const { value } = await pollUntil(
		async () => {
			last = await getContainerStatus.call(this, containerId, itemIndex);
			return last.status === 'IN_PROGRESS' ? { done: false } : { done: true, value: last };
		},
		scheduleFor(mediaType, maxWaitMs),
		clock,
	);
	if (!value) {
		throw new NodeOperationError(
			this.getNode(),
			`Container ${containerId} was still processing after ${Math.round(maxWaitMs / 1000)} s`,
			{
				itemIndex,
				description:
					'Nothing was published. Check it later with Container > Get Status, then Container > Publish.',
			},
		);
	}
	if (value.status === 'ERROR' || value.status === 'EXPIRED') {
		const error = new NodeOperationError(
			this.getNode(),
			value.status === 'EXPIRED'
				? `Container ${containerId} expired: containers must be published within 24 hours`
				: `Container ${containerId} failed: ${value.errorDescription}`,
			{
				itemIndex,
				description: value.errorMessage
					? `Threads error_message: ${value.errorMessage}`
					: undefined,
			},
		);
		error.context.containerId = containerId;
		throw error;
	}
	return value;
}

const MEDIA_NOT_FOUND_RETRIES = 4;

/** Publishes a ready container exactly once, resolving unknown outcomes by asking Threads before any retry. */
export async function publishContainer(
	this: IExecuteFunctions,
	containerId: string,
	itemIndex: number,
	mediaType = 'TEXT',
): Promise<IDataObject> {
	await waitForContainer.call(this, containerId, mediaType, itemIndex);
	for (let round = 0; ; round++) {
		const sent = await attempt(
			async () =>
				await threadsApiRequest.call(this, {
					method: 'POST',
					path: '/me/threads_publish',
					body: { creation_id: containerId },
					retrySafe: false,
					scope: 'threads_content_publish',
					action: `publish container ${containerId}`,
					itemIndex,
				}),
		);
		if (sent.ok) return { id: String(sent.value.id), status: 'PUBLISHED' };
		const error = sent.error;
		if (!isThreadsApiError(error)) throw error;
		const kind = error.threadsFailure.kind;
		if (kind === 'mediaNotFound' && round < MEDIA_NOT_FOUND_RETRIES) {
			await defaultClock.sleep(1000 * 2 ** round);
			continue;
		}
		if (
			(kind === 'network' ||
				kind === 'transient' ||
				kind === 'unknown' ||
				kind === 'alreadyPublished') &&
			round < MEDIA_NOT_FOUND_RETRIES
		) {
			const status = await getContainerStatus.call(this, containerId, itemIndex);
			if (status.status === 'PUBLISHED')
				return { id: null, status: 'PUBLISHED', outcomeRecovered: true };
			if (status.status === 'FINISHED') continue;
		}
		(error.context as IDataObject).containerId = containerId;
		throw error;
	}
}
