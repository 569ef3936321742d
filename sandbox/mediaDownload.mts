// One download of an image_url / video_url, as Meta's fetcher makes it: GET, a few redirects, one deadline,
// the status, the Content-Type and the size checked, the body hashed while it streams (never buffered).
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export const MAX_REDIRECTS = 5;
export const MEDIA_TYPES = { IMAGE: ['image/jpeg', 'image/png'], VIDEO: ['video/mp4', 'video/quicktime'] } as const;
const USER_AGENT = 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)';

/** Why a download failed: `type` means the bytes came but are not an accepted media type. */
export type FailureReason = 'network' | 'timeout' | 'status' | 'redirects' | 'type' | 'size';

export interface DownloadOptions {
	kind: 'IMAGE' | 'VIDEO';
	timeoutMs: number;
	maxBytes: number;
	/** host -> address to connect to instead of asking DNS (the Host header and TLS name stay the URL's). */
	addresses: Map<string, string>;
	signal: AbortSignal;
}

export interface DownloadResult {
	ok: boolean;
	finalUrl: string;
	redirects: number;
	status?: number;
	contentType?: string;
	bytes: number;
	sha256?: string;
	reason?: FailureReason;
	error?: string;
}

class Failure extends Error {
	constructor(
		readonly reason: FailureReason,
		message: string,
	) {
		super(message);
	}
}

function lookupFor(address: string | undefined): LookupFunction | undefined {
	if (!address) return undefined;
	const family = address.includes(':') ? 6 : 4;
	return (_host, options, callback) => {
		if ((options as { all?: boolean }).all) (callback as any)(null, [{ address, family }]);
		else callback(null, address, family);
	};
}

function get(url: URL, options: DownloadOptions, signal: AbortSignal): Promise<IncomingMessage> {
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const req = client.get(url, {
			signal,
			headers: { 'user-agent': USER_AGENT, accept: '*/*' },
			lookup: lookupFor(options.addresses.get(url.hostname.toLowerCase())),
		});
		req.once('response', resolve);
		req.once('error', reject);
	});
}

/** Never rejects: failures come back as `{ok: false, reason, error}`. */
export async function download(start: URL, options: DownloadOptions): Promise<DownloadResult> {
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(), options.timeoutMs);
	const signal = AbortSignal.any([deadline.signal, options.signal]);
	const result: DownloadResult = { ok: false, finalUrl: start.toString(), redirects: 0, bytes: 0 };
	let res: IncomingMessage | undefined;
	try {
		let url = start;
		for (;;) {
			res = await get(url, options, signal);
			result.status = res.statusCode ?? 0;
			const location = res.headers.location;
			if (![301, 302, 303, 307, 308].includes(result.status) || !location) break;
			res.destroy();
			if (result.redirects === MAX_REDIRECTS) throw new Failure('redirects', `more than ${MAX_REDIRECTS} redirects`);
			url = new URL(location, url);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Failure('network', `redirect to ${url.protocol} URL`);
			result.redirects++;
			result.finalUrl = url.toString();
		}
		if (result.status < 200 || result.status > 299) throw new Failure('status', `HTTP ${result.status}`);
		const contentType = res.headers['content-type'];
		if (contentType !== undefined) result.contentType = contentType;
		const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
		const accepted: readonly string[] = MEDIA_TYPES[options.kind];
		if (!accepted.includes(mediaType)) {
			throw new Failure('type', `Content-Type ${contentType ?? '(none)'} is not ${accepted.join(' or ')}`);
		}
		const tooLarge = () => new Failure('size', `larger than ${options.maxBytes} bytes`);
		if (Number(res.headers['content-length'] ?? 0) > options.maxBytes) throw tooLarge();
		const hash = createHash('sha256');
		for await (const chunk of res as AsyncIterable<Buffer>) {
			result.bytes += chunk.length;
			if (result.bytes > options.maxBytes) throw tooLarge();
			hash.update(chunk);
		}
		result.sha256 = hash.digest('hex');
		result.ok = true;
	} catch (error) {
		res?.destroy();
		if (error instanceof Failure) {
			result.reason = error.reason;
			result.error = error.message;
		} else if (deadline.signal.aborted) {
			result.reason = 'timeout';
			result.error = `no complete answer within ${options.timeoutMs} ms`;
		} else {
			result.reason = 'network';
			result.error = options.signal.aborted ? 'aborted (sandbox reset or closed)' : (error as Error).message;
		}
	} finally {
		clearTimeout(timer);
	}
	return result;
}
