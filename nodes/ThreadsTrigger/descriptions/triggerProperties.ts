import type { INodeProperties } from 'n8n-workflow';

import { THREADS_WEBHOOK_FIELDS } from '../webhook/fields';
import type { SignatureSecretChoice } from '../webhook/settings';

const EVENT_OPTIONS: Array<{
	name: string;
	value: (typeof THREADS_WEBHOOK_FIELDS)[number];
	description: string;
}> = [
	{
		name: 'Delete',
		value: 'delete',
		description: 'One of your posts or replies was deleted (topic moderate)',
	},
	{
		name: 'Mentions',
		value: 'mentions',
		description: 'Someone mentioned your account (topic interaction)',
	},
	{
		name: 'Publish',
		value: 'publish',
		description: 'Your account published a post (topic interaction)',
	},
	{
		name: 'Replies',
		value: 'replies',
		description: 'Someone replied to one of your posts (topic moderate)',
	},
];

const SECRET_OPTIONS: Array<{ name: string; value: SignatureSecretChoice; description: string }> = [
	{
		name: 'Threads App Secret',
		value: 'threadsAppSecret',
		description: "The credential's Threads App Secret (Use cases > Threads API > Settings)",
	},
	{
		name: 'Meta App Secret',
		value: 'metaAppSecret',
		description:
			"The credential's Meta App Secret (Webhooks Only) field (App settings > Basic): try it if Meta's deliveries are refused",
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Meta subscribes webhooks by hand, in the App Dashboard: open your app > Use cases > Threads API > Webhooks, paste the Production URL from Webhook URLs above as the Callback URL and this node's Verify Token as the Verify Token, then Verify and Save (activate this workflow first: Meta calls the URL at once) and subscribe to the fields you need: replies, mentions, publish, delete. Meta delivers only to a Live app with Advanced Access, and nothing from private accounts.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Verify Token',
		name: 'verifyToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		placeholder: 'any hard-to-guess text',
		description:
			"Any text you choose; enter the same in the App Dashboard's Webhooks settings. Meta sends it back when it verifies the callback URL, and nothing else is answered.",
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: [...THREADS_WEBHOOK_FIELDS],
		required: true,
		description:
			'Which subscribed fields start the workflow; the others are acknowledged and dropped. Each must also be subscribed in the App Dashboard.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Signature Secret',
				name: 'signatureSecret',
				type: 'options',
				options: SECRET_OPTIONS,
				default: 'threadsAppSecret',
				description:
					"Which secret Meta signs deliveries with (X-Hub-Signature-256). Meta's Threads pages do not say; deliveries with another signature are refused.",
			},
		],
	},
];
