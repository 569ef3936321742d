// The wire side of webhooks: Meta's GET handshake, signed POSTs, exact bytes.
import { createHmac, randomInt } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface WireAnswer {
	/** 0 when no HTTP answer came (connection error, timeout). */
	status: number;
	body: string;
	error?: string;
}

const MAX_ANSWER = 64 * 1024;

export function hmacHex(algorithm: 'sha256' | 'sha1', secret: string, body: Buffer): string {
	return createHmac(algorithm, secret).update(body).digest('hex');
}

/** One request with exactly these headers and bytes; never rejects. */
export function wireRequest(
	url: URL,
	method: 'GET' | 'POST',
	headers: Record<string, string>,
	body: Buffer | undefined,
	timeoutMs: number,
): Promise<WireAnswer> {
	return new Promise((resolve) => {
		const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
		let settled = false;
		const done = (answer: WireAnswer) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(answer);
		};
		const outgoing = { ...headers };
		if (body) outgoing['Content-Length'] = String(body.length);
		// agent: false, so no keep-alive socket outlives the delivery (a replay is a second connection).
		const req = request(url, { method, headers: outgoing, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			let size = 0;
			res.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size <= MAX_ANSWER) chunks.push(chunk);
			});
			res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (error) => done({ status: res.statusCode ?? 0, body: '', error: error.message }));
		});
		const timer = setTimeout(() => {
			req.destroy(new Error(`no answer within ${timeoutMs} ms`));
		}, timeoutMs);
		req.on('error', (error: NodeJS.ErrnoException) => done({ status: 0, body: '', error: error.code ?? error.message }));
		req.end(body);
	});
}

/**
 * Meta's verification request: GET callback?hub.mode=subscribe&hub.challenge=<digits>&hub.verify_token=<token>.
 * Resolves to undefined when the callback answered 200 with the challenge, else to the reason.
 */
export async function handshake(callbackUrl: string, verifyToken: string, timeoutMs: number): Promise<string | undefined> {
	const url = new URL(callbackUrl);
	const challenge = String(randomInt(1_000_000_000, 2_000_000_000));
	url.searchParams.set('hub.mode', 'subscribe');
	url.searchParams.set('hub.challenge', challenge);
	url.searchParams.set('hub.verify_token', verifyToken);
	const answer = await wireRequest(url, 'GET', { 'User-Agent': 'facebookplatform/1.0 (+http://developers.facebook.com)' }, undefined, timeoutMs);
	if (answer.status === 0) return `handshake failed: GET ${callbackUrl} got no answer (${answer.error})`;
	if (answer.status !== 200) {
		return `handshake failed: the callback answered HTTP ${answer.status} to the verification GET; Meta needs 200 with the challenge`;
	}
	const echoed = answer.body.trim();
	if (echoed !== challenge) {
		const shown = echoed.length > 80 ? `${echoed.slice(0, 80)}...` : echoed;
		return `handshake failed: the callback answered 200 but its body "${shown}" is not the challenge "${challenge}" (body mismatch)`;
	}
	return undefined;
}
