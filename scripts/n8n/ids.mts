import { createHash } from 'node:crypto';

/** Deterministic n8n-style id (16 chars of [0-9A-Za-z]) derived from a seed. */
export function stableId(seed: string): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	const digest = createHash('sha256').update(seed).digest();
	let id = '';
	for (let i = 0; i < 16; i++) id += alphabet[digest[i] % alphabet.length];
	return id;
}
