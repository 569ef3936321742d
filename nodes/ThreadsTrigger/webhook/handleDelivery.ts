import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { clock } from '../../Threads/shared/clock';
import { claimDeliveries, deliveryKey, processMemoryOf, type SeenDeliveries } from './dedupe';
import { eventItem } from './eventItem';
import { isThreadsWebhookField } from './fields';
import { parseDelivery, type ThreadsWebhookEvent } from './payload';
import { answerPlainText, type PlainTextResponse } from './respond';
import { readSettings, readSignatureSecret, SIGNATURE_SECRET_LABEL } from './settings';
import { checkSignature, SIGNATURE_HEADER } from './signature';

const REFUSAL_LOG: Record<'missing' | 'malformed' | 'mismatch', string> = {
	missing: 'it has no X-Hub-Signature-256 header',
	malformed: 'its X-Hub-Signature-256 header is not "sha256=" followed by 64 hex digits',
	mismatch: 'its X-Hub-Signature-256 is not the HMAC of its body',
};

/** The exact bytes received, which the signature covers (n8n keeps them as `req.rawBody`). */
function rawBodyOf(request: unknown): Buffer | undefined {
	const rawBody = (request as { rawBody?: unknown } | undefined)?.rawBody;
	return Buffer.isBuffer(rawBody) ? rawBody : undefined;
}

/**
 * Keeps the events seen for the first time within the repeat window. Production only: in a manual
 * run ("Listen for test event") the next delivery is shown whatever it is.
 */
function firstDeliveries(context: IWebhookFunctions, events: ThreadsWebhookEvent[]) {
	if (context.getMode() === 'manual') return events;
	const staticData = context.getWorkflowStaticData('node');
	const memory = processMemoryOf(`${context.getWorkflow().id ?? ''}:${context.getNode().id}`);
	const claim = claimDeliveries(
		events.map(deliveryKey),
		(staticData.deliveries ?? {}) as SeenDeliveries,
		memory,
		clock.now(),
	);
	staticData.deliveries = claim.persisted as IDataObject;
	return events.filter((_event, index) => claim.first[index]);
}

/**
 * POST on the callback URL: a delivery. Runs the workflow once per delivery with one item per new
 * event, and only for a body signed with the app secret; answers everything else itself without
 * running anything, and never logs the body.
 */
export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject() as PlainTextResponse;
	const where = { workflowId: this.getWorkflow().id, node: this.getNode().name };
	const settings = readSettings(this);
	const secret = await readSignatureSecret(this, settings.signatureSecret);
	if (secret === '') {
		this.logger.warn(
			`Threads Trigger cannot check a delivery: the Threads credential has no ${SIGNATURE_SECRET_LABEL[settings.signatureSecret]}. Add it to the credential, or change Options > Signature Secret.`,
			where,
		);
		return answerPlainText(response, 500, 'The receiver has no secret to check signatures with');
	}

	const rawBody = rawBodyOf(this.getRequestObject());
	if (rawBody === undefined) {
		this.logger.warn('Threads Trigger refused a delivery: its body could not be read', where);
		return answerPlainText(response, 400, 'Unreadable body');
	}
	const verdict = checkSignature(rawBody, this.getHeaderData()[SIGNATURE_HEADER], secret);
	if (!verdict.valid) {
		const hint =
			verdict.reason === 'mismatch'
				? ` with the ${SIGNATURE_SECRET_LABEL[settings.signatureSecret]}. If Meta's own deliveries are refused, check that secret in the credential or change Options > Signature Secret.`
				: '.';
		this.logger.warn(
			`Threads Trigger refused a delivery: ${REFUSAL_LOG[verdict.reason]}${hint}`,
			where,
		);
		return verdict.reason === 'mismatch'
			? answerPlainText(response, 403, 'Signature does not match')
			: answerPlainText(response, 401, 'Missing or malformed X-Hub-Signature-256');
	}

	const delivery = parseDelivery(rawBody);
	if (!delivery.ok) {
		this.logger.warn('Threads Trigger refused a signed delivery: its body is not JSON', where);
		return answerPlainText(response, 400, 'Body is not a JSON notification');
	}
	const wanted = delivery.events.filter(
		(event) => isThreadsWebhookField(event.field) && settings.events.includes(event.field),
	);
	if (wanted.length === 0)
		return answerPlainText(response, 200, 'No event this trigger listens to');
	const fresh = firstDeliveries(this, wanted);
	if (fresh.length === 0) return answerPlainText(response, 200, 'Already received');
	return { workflowData: [this.helpers.returnJsonArray(fresh.map(eventItem))] };
}
