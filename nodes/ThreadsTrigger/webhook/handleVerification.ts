import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerHandshake } from './handshake';
import { answerPlainText, type PlainTextResponse } from './respond';
import { readSettings } from './settings';

/**
 * GET on the callback URL: Meta's verification when the URL is saved in the App Dashboard. Answers
 * the challenge, or 403; never runs the workflow.
 */
export function handleVerification(this: IWebhookFunctions): IWebhookResponseData {
	const response = this.getResponseObject() as PlainTextResponse;
	const answer = answerHandshake(
		this.getQueryData() as IDataObject,
		readSettings(this).verifyToken,
	);
	if (answer.status === 200) return answerPlainText(response, 200, answer.challenge);
	this.logger.warn(
		'Threads Trigger refused a verification request: not hub.mode=subscribe with the Verify Token set in the node. If it came from Meta, enter the same Verify Token in the node and in the App Dashboard.',
		{ workflowId: this.getWorkflow().id, node: this.getNode().name },
	);
	return answerPlainText(response, 403, 'Verification refused');
}
