import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

export type HandshakeAnswer = { status: 200; challenge: string } | { status: 403 };

/** Meta's challenges are short numbers; anything longer is not Meta's and is not echoed. */
const MAX_CHALLENGE_LENGTH = 1024;

/** `hub.mode` and friends, whether the query parser left the dotted names flat or nested them. */
function hubParameter(query: IDataObject, name: string): unknown {
	const flat = query[`hub.${name}`];
	if (flat !== undefined) return flat;
	const nested = query.hub;
	return nested && typeof nested === 'object' ? (nested as IDataObject)[name] : undefined;
}

function sameText(a: string, b: string): boolean {
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(a), digest(b));
}

/**
 * Meta's verification request when the callback URL is saved in the App Dashboard:
 * `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`. The challenge is echoed only when
 * the mode is `subscribe` and the verify token is the one set in the node (never when that is empty).
 */
export function answerHandshake(query: IDataObject, verifyToken: string): HandshakeAnswer {
	const mode = hubParameter(query, 'mode');
	const token = hubParameter(query, 'verify_token');
	const challenge = hubParameter(query, 'challenge');
	if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string') {
		return { status: 403 };
	}
	if (challenge === '' || challenge.length > MAX_CHALLENGE_LENGTH) return { status: 403 };
	if (verifyToken === '' || !sameText(token, verifyToken)) return { status: 403 };
	return { status: 200, challenge };
}
