import type { Sandbox } from '../../sandbox/index.mts';

/** Whether the sandbox (like Meta) accepts this token right now. */
export async function tokenWorks(sandbox: Sandbox, token: string): Promise<boolean> {
	const response = await fetch(`${sandbox.url}/v1.0/me?fields=id&access_token=${encodeURIComponent(token)}`);
	return response.ok;
}

export function tokenRequests(sandbox: Sandbox, operation: string): number {
	return sandbox.log.filter((entry) => entry.operation === operation).length;
}
