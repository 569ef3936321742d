import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { type ThreadsFailure, type MetaErrorBody, isRecord } from '../shared/metaErrors';
import { redactSecrets } from '../shared/redact';

export interface DescribeContext {
	/** The scope the operation needs, named in a missing-permission error. */
	scope?: string;
	/** What the request was doing, e.g. "publish container 1789". */
	action?: string;
	/** Parameter names the request carried, used to name the one Meta rejects. */
	parameterNames?: string[];
}

const REAUTHORIZE_HINT =
	'Open the Threads credential and authorize again (paste a new authorization code or access token). See https://github.com/n8n-nodes-meta-threads/n8n-nodes-meta-threads#troubleshooting';

function rejectedParameter(body: MetaErrorBody, names: string[] = []): string | undefined {
	const text = `${body.message ?? ''} ${body.error_user_msg ?? ''}`;
	const explicit = /param(?:eter)?\s+([a-z_]+)/i.exec(text);
	if (explicit) return explicit[1];
	return names.find((name) => new RegExp(`\\b${name}\\b`).test(text));
}

export function describeFailure(
	failure: ThreadsFailure,
	context: DescribeContext = {},
): { message: string; description: string } {
	const body = failure.body ?? {};
	const metaText = redactSecrets(
		[body.error_user_title, body.error_user_msg ?? body.message].filter(Boolean).join(': '),
	);
	const detail = metaText ? `Threads said: ${metaText}` : '';
	const during = context.action ? ` while trying to ${context.action}` : '';
	switch (failure.kind) {
		case 'expiredToken':
			return {
				message: 'The Threads access token has expired',
				description: `${REAUTHORIZE_HINT}. ${detail}`.trim(),
			};
		case 'invalidToken':
			return {
				message: 'Threads rejected the access token (invalid or revoked)',
				description: `${REAUTHORIZE_HINT}. ${detail}`.trim(),
			};
		case 'missingPermission':
			return {
				message: context.scope
					? `The Threads token lacks the "${context.scope}" permission`
					: 'The Threads token lacks a permission this operation needs',
				description:
					`Add ${context.scope ? `"${context.scope}"` : 'the permission'} to the credential's scopes, make sure the Threads app has it enabled in Meta's app dashboard, then authorize again. ${detail}`.trim(),
			};
		case 'invalidParameter': {
			const parameter = rejectedParameter(body, context.parameterNames);
			return {
				message: parameter
					? `Threads rejected the parameter "${parameter}"`
					: `Threads rejected a parameter${during}`,
				description: detail || 'Check the values of the node parameters.',
			};
		}
		case 'throttled':
			return {
				message: 'Threads is rate limiting this app or account',
				description:
					`Wait a while before running the workflow again, or lower how often it runs. ${detail}`.trim(),
			};
		case 'transient':
			return {
				message: `Threads had a temporary problem${during}`,
				description: detail || 'Try again later.',
			};
		case 'mediaNotFound':
			return {
				message: 'Threads has not finished processing the media yet (Media Not Found)',
				description:
					`The container was published before Meta had it ready. Publish it again after a short wait, or use the operations that wait for processing. ${detail}`.trim(),
			};
		case 'mediaDownloadFailed':
			return {
				message: 'Threads could not download the media from its URL',
				description:
					`The image or video URL must be publicly reachable over http(s) without login, redirects to a login page, or expiring signatures. ${detail}`.trim(),
			};
		case 'quotaReached':
			return {
				message: 'The Threads publishing limit for the last 24 hours is reached',
				description:
					`Threads allows 250 posts and 1000 replies per moving 24 hours. Run Get Publishing Limit to see when there is room again. ${detail}`.trim(),
			};
		case 'temporarilyBlocked':
			return {
				message: 'Threads has temporarily blocked this action for the account',
				description: `Wait before trying again. ${detail}`.trim(),
			};
		case 'alreadyPublished':
			return { message: 'The container was already published', description: detail };
		case 'notFound':
			return {
				message: `Threads could not find the object${during}`,
				description: detail || 'Check the id.',
			};
		case 'network':
			return {
				message: `Could not reach Threads${during} (${failure.networkCode ?? 'network error'})`,
				description: failure.mayHaveTakenEffect
					? 'The connection broke after the request was sent, so it may or may not have taken effect.'
					: 'The request did not reach the server.',
			};
		default:
			return {
				message: `Threads returned an error${during}${failure.httpStatus ? ` (HTTP ${failure.httpStatus})` : ''}`,
				description: detail,
			};
	}
}

/** Raised for any failed Threads request; carries the classified failure for callers that recover. */
export class ThreadsApiError extends NodeApiError {
	readonly threadsFailure: ThreadsFailure;

	constructor(
		node: INode,
		failure: ThreadsFailure,
		context: DescribeContext = {},
		itemIndex?: number,
	) {
		const { message, description } = describeFailure(failure, context);
		const response: JsonObject = failure.body
			? {
					error: {
						message: redactSecrets(failure.body.message ?? ''),
						type: failure.body.type ?? null,
						code: failure.body.code ?? null,
						error_subcode: failure.body.error_subcode ?? null,
						fbtrace_id: failure.body.fbtrace_id ?? null,
					},
				}
			: { message };
		super(node, response, {
			message,
			description,
			httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
			itemIndex,
		});
		this.threadsFailure = failure;
	}
}

export function isThreadsApiError(error: unknown): error is ThreadsApiError {
	return (
		error instanceof ThreadsApiError ||
		(isRecord(error) && isRecord(error.threadsFailure) && 'kind' in error.threadsFailure)
	);
}
