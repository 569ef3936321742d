import type { SandboxClock } from './types.mts';

/** 'real': wall time plus an offset; 'manual': frozen, moves only with advance()/set(). */
export function createClock(mode: 'real' | 'manual', startTime: number): SandboxClock {
	if (mode === 'manual') {
		let current = startTime;
		return {
			now: () => current,
			advance: (ms) => {
				current += checkMs(ms);
			},
			set: (epochMs) => {
				current = checkMs(epochMs);
			},
		};
	}
	let offset = startTime - Date.now();
	return {
		now: () => Date.now() + offset,
		advance: (ms) => {
			offset += checkMs(ms);
		},
		set: (epochMs) => {
			offset = checkMs(epochMs) - Date.now();
		},
	};
}

function checkMs(value: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new TypeError(`clock: expected a finite number of milliseconds, got ${String(value)}`);
	}
	return value;
}

/** Meta's timestamp format: 2024-09-12T23:17:39+0000 */
export function metaTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
