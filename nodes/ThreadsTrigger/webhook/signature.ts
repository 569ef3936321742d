import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Meta signs webhook deliveries with (Node lower-cases header names). */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

export type SignatureVerdict =
	| { valid: true }
	| { valid: false; reason: 'missing' | 'malformed' | 'mismatch' };

/**
 * `sha256=` followed by the 64 hex digits of the HMAC. The prefix is matched exactly, as Meta sends it;
 * the digits are decoded to bytes, so their case does not matter (the MAC is the same).
 */
const SIGNATURE_SHAPE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>` over the exact bytes
 * received, comparing in constant time. A SHA-1 `X-Hub-Signature` alone is not accepted.
 */
export function checkSignature(
	rawBody: Buffer,
	header: string | string[] | undefined,
	secret: string,
): SignatureVerdict {
	if (header === undefined || header === '') return { valid: false, reason: 'missing' };
	if (typeof header !== 'string') return { valid: false, reason: 'malformed' };
	const match = SIGNATURE_SHAPE.exec(header);
	if (!match) return { valid: false, reason: 'malformed' };
	const received = Buffer.from(match[1], 'hex');
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return { valid: false, reason: 'mismatch' };
	}
	return { valid: true };
}
