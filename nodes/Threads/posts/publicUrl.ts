/** Where Meta downloads media and link previews from: only http(s) URLs on the public internet. */

const PRIVATE_HOST_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa'];

function isPrivateIPv4(host: string): boolean {
	const parts = host.split('.').map(Number);
	if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part))) return false;
	const [a, b] = parts;
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168)
	);
}

function isPrivateIPv6(host: string): boolean {
	const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
	return bare === '::1' || bare === '::' || /^f[cd]/.test(bare) || /^fe[89ab]/.test(bare);
}

/** Meta downloads media and link previews itself: only http(s) URLs on the public internet work. */
export function publicUrlProblem(value: string, field: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return `${field} must be a full http(s) URL, got "${value.slice(0, 100)}"`;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return `${field} must be an http(s) URL (Threads downloads it), not ${url.protocol.replace(':', '')}`;
	}
	if (url.username || url.password) {
		return `${field} must be a public URL without a user name or password in it`;
	}
	const host = url.hostname.toLowerCase();
	const isIpLiteral = /^[\d.]+$/.test(host) || host.startsWith('[');
	if (
		host === 'localhost' ||
		PRIVATE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix)) ||
		(!isIpLiteral && !host.includes('.')) ||
		isPrivateIPv4(host) ||
		(host.startsWith('[') && isPrivateIPv6(host))
	) {
		return `${field} must be a public URL that Threads can reach from the internet; "${host}" is a local or private address`;
	}
	return undefined;
}
