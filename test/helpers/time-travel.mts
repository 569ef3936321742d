import type { Sandbox } from '../../sandbox/index.mts';

const realNow = Date.now.bind(Date);
let offsetMs = 0;

/**
 * Moves time forward for both sides at once: this process's Date.now (which n8n's credential
 * expressions and the node read) and the sandbox clock (which decides token lifetimes).
 */
export function travel(ms: number, sandbox: Sandbox): void {
	offsetMs += ms;
	Date.now = () => realNow() + offsetMs;
	sandbox.clock.advance(ms);
}

export function resetTime(): void {
	offsetMs = 0;
	Date.now = realNow;
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;
