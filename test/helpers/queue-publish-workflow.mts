/**
 * A production workflow for queue mode: a Webhook node (POST, answers at once) whose request body is
 * published by Threads > Publish (version 2). The body says what to post: `{ mediaType, text, url?,
 * urls?, replyToId?, quotePostId?, auto? }` (one to three carousel URLs; an extension .mp4 is a video).
 * Skip If Already Posted Within is on: the same call again finds the post instead of posting it twice.
 */
import { SANDBOX_CREDENTIAL_NAME } from '../../scripts/n8n/sandbox-credential.mts';
import { THREADS_CREDENTIAL_TYPE, THREADS_NODE_TYPE } from '../../scripts/n8n/threads-types.mts';
import type { WorkflowJson } from '../../scripts/n8n/workflow-data.mts';

export const PUBLISH_NODE = 'Publish';
/** The Publish node's Skip If Already Posted Within (Minutes). */
export const SKIP_WINDOW_MINUTES = 60;
const WEBHOOK_NODE = 'Webhook';

export interface PublishRequest {
	kind: string;
	mediaType: 'TEXT' | 'IMAGE' | 'VIDEO' | 'CAROUSEL';
	text: string;
	url?: string;
	urls?: string[];
	replyToId?: string;
	quotePostId?: string;
	auto?: boolean;
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function queuePublishWorkflow(ids: {
	workflowId: string;
	webhookId: string;
	path: string;
	credentialId: string;
}): WorkflowJson {
	const carouselItem = (index: number) => ({
		mediaType: `={{ /\\.mp4/.test($json.body.urls?.[${index}] ?? '') ? 'VIDEO' : 'IMAGE' }}`,
		url: `={{ $json.body.urls?.[${index}] }}`,
	});
	return {
		id: ids.workflowId,
		name: 'Queue mode: publish what the webhook receives',
		nodes: [
			{
				id: 'queue-webhook',
				name: WEBHOOK_NODE,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: ids.webhookId,
				parameters: { httpMethod: 'POST', path: ids.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'queue-publish',
				name: PUBLISH_NODE,
				type: THREADS_NODE_TYPE,
				typeVersion: 2,
				position: [240, 0],
				credentials: {
					[THREADS_CREDENTIAL_TYPE]: { id: ids.credentialId, name: SANDBOX_CREDENTIAL_NAME },
				},
				parameters: {
					resource: 'post',
					operation: 'publish',
					mediaType: '={{ $json.body.mediaType }}',
					text: '={{ $json.body.text }}',
					imageUrl: '={{ $json.body.url }}',
					videoUrl: '={{ $json.body.url }}',
					carouselSource: 'node',
					carouselItems: { item: [carouselItem(0), carouselItem(1), carouselItem(2)] },
					options: {
						replyToId: byId('={{ $json.body.replyToId ?? "" }}'),
						quotePostId: byId('={{ $json.body.quotePostId ?? "" }}'),
						autoPublishText: '={{ $json.body.auto === true }}',
						skipIfPostedWithinMinutes: SKIP_WINDOW_MINUTES,
					},
				},
			},
		],
		connections: {
			[WEBHOOK_NODE]: { main: [[{ node: PUBLISH_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const IMG = 'https://cdn.example.com/queue.jpg';
const VID = 'https://cdn.example.com/queue.mp4';
const KINDS = ['TEXT', 'IMAGE', 'CAROUSEL', 'VIDEO', 'REPLY', 'QUOTE', 'AUTO'] as const;

/** `count` requests of every kind in turn, each with its own text (`<prefix> <i> <kind>`). */
export function mixedRequests(count: number, prefix: string, parentId: string): PublishRequest[] {
	return Array.from({ length: count }, (_, index) => {
		const kind = KINDS[index % KINDS.length];
		const text = `${prefix} ${index} ${kind.toLowerCase()}`;
		const query = `i=${index}`;
		switch (kind) {
			case 'IMAGE':
				return { kind, mediaType: 'IMAGE', text, url: `${IMG}?${query}` };
			case 'VIDEO':
				return { kind, mediaType: 'VIDEO', text, url: `${VID}?${query}` };
			case 'CAROUSEL':
				return {
					kind,
					mediaType: 'CAROUSEL',
					text,
					urls: [IMG, VID, IMG].map((u, c) => `${u}?${query}&c=${c}`),
				};
			case 'REPLY':
				return { kind, mediaType: 'TEXT', text, replyToId: parentId };
			case 'QUOTE':
				return { kind, mediaType: 'TEXT', text, quotePostId: parentId };
			case 'AUTO':
				return { kind, mediaType: 'TEXT', text, auto: true };
			default:
				return { kind, mediaType: 'TEXT', text };
		}
	});
}
