import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './descriptions/triggerProperties';
import { handleDelivery } from './webhook/handleDelivery';
import { handleVerification } from './webhook/handleVerification';
import { assertReadyToReceive } from './webhook/settings';

export class ThreadsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Trigger',
		name: 'threadsTrigger',
		icon: { light: 'file:threads.svg', dark: 'file:threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			"Starts the workflow when Meta's Threads webhooks report a reply, a mention, a publish or a delete",
		defaults: { name: 'Threads Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'threadsOAuth2Api', required: true }],
		// One URL, two methods: Meta verifies it with a GET and delivers with signed POSTs. The panel
		// shows the URL once.
		webhooks: [
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideMethod: true,
			},
		],
		properties: triggerProperties,
	};

	// Threads has no API to subscribe webhooks: the subscription is made by hand in Meta's App
	// Dashboard (the node's notice says how). So these methods register nothing at Meta; activation
	// only checks that the node can verify Meta's requests, and deactivation leaves the dashboard as is.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// n8n cannot see the App Dashboard's subscriptions: let create() check the node.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Nothing to register at Meta (manual subscription); refuse to activate without a verify
				// token, an event or a secret to check signatures with.
				await assertReadyToReceive(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing to remove at Meta: the subscription stays in the App Dashboard until removed there,
				// and deliveries to an inactive workflow are answered 404 by n8n.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') return handleVerification.call(this);
		return await handleDelivery.call(this);
	}
}
