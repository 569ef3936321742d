import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isThreadsWebhookField, type ThreadsWebhookField } from './fields';

export const CREDENTIAL_TYPE = 'threadsOAuth2Api';

/** Which of the credential's secrets Meta's deliveries are signed with (Meta does not say which). */
export type SignatureSecretChoice = 'threadsAppSecret' | 'metaAppSecret';

export const SIGNATURE_SECRET_FIELD: Record<SignatureSecretChoice, string> = {
	threadsAppSecret: 'appSecret',
	metaAppSecret: 'metaAppSecret',
};

export const SIGNATURE_SECRET_LABEL: Record<SignatureSecretChoice, string> = {
	threadsAppSecret: 'Threads App Secret',
	metaAppSecret: 'Meta App Secret',
};

export interface TriggerSettings {
	verifyToken: string;
	events: ThreadsWebhookField[];
	signatureSecret: SignatureSecretChoice;
}

type TriggerContext = IHookFunctions | IWebhookFunctions;

export function readSettings(context: TriggerContext): TriggerSettings {
	const verifyToken = context.getNodeParameter('verifyToken', '') as string;
	// A list; a single value when set by an expression or by the node creator's "On <event>" actions.
	const events = context.getNodeParameter('events', []) as unknown;
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		verifyToken: typeof verifyToken === 'string' ? verifyToken : '',
		events: (Array.isArray(events) ? events : [events]).filter(isThreadsWebhookField),
		signatureSecret:
			options.signatureSecret === 'metaAppSecret' ? 'metaAppSecret' : 'threadsAppSecret',
	};
}

/** The chosen secret from the Threads credential, '' when the credential has none. */
export async function readSignatureSecret(
	context: TriggerContext,
	choice: SignatureSecretChoice,
): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const secret = credentials[SIGNATURE_SECRET_FIELD[choice]];
	return typeof secret === 'string' ? secret : '';
}

/**
 * What activation checks (and "Listen for test event" too): a verify token, at least one event and a
 * secret to check signatures with. Meta's subscription itself is made by hand in the App Dashboard.
 */
export async function assertReadyToReceive(context: IHookFunctions): Promise<void> {
	const node = context.getNode();
	const settings = readSettings(context);
	if (settings.verifyToken.trim() === '') {
		throw new NodeOperationError(node, 'The Threads Trigger has no Verify Token', {
			description:
				"Choose any hard-to-guess text, enter it in the node's Verify Token field and in the App Dashboard's Webhooks settings (Meta sends it back when it verifies the callback URL).",
		});
	}
	if (settings.events.length === 0) {
		throw new NodeOperationError(node, 'The Threads Trigger listens to no event', {
			description: 'Pick at least one of Replies, Mentions, Publish and Delete in Events.',
		});
	}
	if ((await readSignatureSecret(context, settings.signatureSecret)) === '') {
		const label = SIGNATURE_SECRET_LABEL[settings.signatureSecret];
		throw new NodeOperationError(node, `The Threads credential has no ${label}`, {
			description:
				settings.signatureSecret === 'metaAppSecret'
					? "Add the Meta app's secret (App Dashboard > App settings > Basic) to the credential's Meta App Secret field, or set Options > Signature Secret to Threads App Secret."
					: "Add the Threads app secret (App Dashboard > Use cases > Threads API > Settings) to the credential's Threads App Secret field.",
		});
	}
}
