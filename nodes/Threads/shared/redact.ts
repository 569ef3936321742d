/** Removes token-like values from any text that could reach a user or a log. */
export function redactSecrets(text: string): string {
	return text
		.replace(/(access_token|client_secret|code|refresh_token)=([^&\s"']+)/gi, '$1=[redacted]')
		.replace(/Bearer\s+[A-Za-z0-9._~+/-]+=*/g, 'Bearer [redacted]')
		.replace(/\bTH[A-Za-z0-9_-]{20,}/g, '[redacted token]');
}
