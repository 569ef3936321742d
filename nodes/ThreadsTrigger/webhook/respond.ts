import type { IWebhookResponseData } from 'n8n-workflow';

/** The part of n8n's (Express) response object the trigger writes to itself. */
export interface PlainTextResponse {
	status(code: number): unknown;
	setHeader(name: string, value: string): unknown;
	end(body?: string): unknown;
}

/**
 * Answers the request here, as plain text, and tells n8n that no workflow runs and that the answer
 * is already sent.
 */
export function answerPlainText(
	response: PlainTextResponse,
	status: number,
	body: string,
): IWebhookResponseData {
	response.status(status);
	response.setHeader('Content-Type', 'text/plain; charset=utf-8');
	response.setHeader('X-Content-Type-Options', 'nosniff');
	response.end(body);
	return { noWebhookResponse: true };
}
