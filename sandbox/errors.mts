import { randomBytes } from 'node:crypto';

export interface GraphErrorBody {
	message: string;
	type: 'OAuthException' | 'THApiException';
	code: number;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	is_transient: boolean;
	fbtrace_id: string;
}

/** An error answered in Graph shape: {"error":{...}}. */
export class GraphError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
		readonly extra: {
			type?: 'OAuthException' | 'THApiException';
			subcode?: number;
			userTitle?: string;
			userMsg?: string;
			transient?: boolean;
		} = {},
	) {
		super(message);
	}

	body(): { error: GraphErrorBody } {
		// Meta's key order: message, type, code, error_subcode, is_transient, error_user_*, fbtrace_id.
		const error = {
			message: this.message,
			type: this.extra.type ?? 'OAuthException',
			code: this.code,
			error_subcode: this.extra.subcode,
			is_transient: this.extra.transient ?? false,
			error_user_title: this.extra.userTitle,
			error_user_msg: this.extra.userMsg,
			fbtrace_id: fbtraceId(),
		};
		for (const key of Object.keys(error) as (keyof typeof error)[]) if (error[key] === undefined) delete error[key];
		return { error: error as GraphErrorBody };
	}
}

/** Errors of POST /oauth/access_token use a flat shape: {error_type, code, error_message}. */
export class OAuthEndpointError extends Error {
	constructor(
		readonly status: number,
		readonly code: number,
		message: string,
	) {
		super(message);
	}

	body() {
		return { error_type: 'OAuthException', code: this.code, error_message: this.message };
	}
}

export function fbtraceId(): string {
	return randomBytes(8).toString('base64url').slice(0, 11);
}

export const param = (message: string, subcode?: number) =>
	new GraphError(400, 100, message.startsWith('(#100)') ? message : `(#100) ${message}`, {
		subcode,
	});

export const nonexistingObject = (id: string, method = 'get') =>
	new GraphError(
		400,
		100,
		`Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
		{ subcode: 33 },
	);

export const nonexistingField = (field: string, nodeType: string) =>
	new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);

export const permissionDenied = (scope?: string) =>
	new GraphError(403, 10, '(#10) Application does not have permission for this action', {
		userMsg: scope ? `Missing permission: ${scope}` : undefined,
	});

export const mediaNotFound = () =>
	new GraphError(400, 24, 'The requested resource does not exist', {
		type: 'THApiException',
		subcode: 4279009,
		userTitle: 'Media Not Found',
		userMsg: 'The requested media was not found. It may not be ready yet; check the container status and try again.',
	});

/** Bodies of the error faults (FaultKind -> answer). */
export function faultError(kind: string): GraphError | undefined {
	switch (kind) {
		case 'transient':
			return new GraphError(500, 2, 'An unexpected error has occurred. Please retry your request later.', {
				transient: true,
			});
		case 'unknownError':
			return new GraphError(500, 1, 'An unknown error occurred', { transient: false });
		case 'throttle':
			return new GraphError(400, 4, '(#4) Application request limit reached', { transient: true });
		case 'userThrottle':
			return new GraphError(400, 17, '(#17) User request limit reached', { transient: true });
		case 'throttle341':
			return new GraphError(400, 341, '(#341) Application limit reached', { transient: true });
		case 'mediaNotFound':
			return mediaNotFound();
		default:
			return undefined;
	}
}
