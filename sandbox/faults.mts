import type { FaultKind, FaultRule } from './types.mts';

/** Every fault the sandbox can inject. */
export const FAULT_KINDS: readonly FaultKind[] = [
	'http500',
	'transient',
	'unknownError',
	'throttle',
	'userThrottle',
	'throttle341',
	'drop',
	'lostResponse',
	'mediaNotFound',
	'slow',
];

interface ActiveRule {
	id: string;
	rule: FaultRule;
	remaining: number;
	random: () => number;
}

export interface FaultDecision {
	/** The rule that answers (or breaks) the request, if any. */
	rule?: FaultRule & { id: string };
	/** Total real-time delay from matching 'slow' rules. */
	delayMs: number;
	/** Kinds that fired, for the log (e.g. 'slow,lostResponse'). */
	fired: string[];
}

/** mulberry32: small seeded PRNG so probabilistic faults are reproducible. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultEngine {
	private rules: ActiveRule[] = [];
	private counter = 0;

	inject(input: FaultRule): string {
		const rule = normalizeRule(input);
		const id = `fault-${++this.counter}`;
		this.rules.push({
			id,
			rule,
			remaining: rule.times ?? 1,
			random: seededRandom(rule.seed ?? 1),
		});
		return id;
	}

	clear(): void {
		this.rules = [];
	}

	list(): (FaultRule & { id: string; remaining: number })[] {
		return this.rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.remaining }));
	}

	/**
	 * Rules are checked in injection order. Matching 'slow' rules add their delay and the search goes on;
	 * the first other matching rule (whose probability roll succeeds) decides the request.
	 */
	decide(request: { operation: string; method: string; path: string }): FaultDecision {
		const decision: FaultDecision = { delayMs: 0, fired: [] };
		for (const active of [...this.rules]) {
			const { rule } = active;
			if (active.remaining <= 0) continue;
			if (rule.operation !== undefined && rule.operation !== request.operation) continue;
			if (rule.method !== undefined && rule.method.toUpperCase() !== request.method.toUpperCase())
				continue;
			if (rule.pathIncludes !== undefined && !request.path.includes(rule.pathIncludes)) continue;
			const probability = rule.probability ?? 1;
			if (probability < 1 && active.random() >= probability) continue;
			active.remaining -= 1;
			if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
			decision.fired.push(rule.kind);
			if (rule.kind === 'slow') {
				decision.delayMs += rule.delayMs ?? 1000;
				continue;
			}
			decision.rule = { ...rule, id: active.id };
			break;
		}
		return decision;
	}
}

function normalizeRule(input: FaultRule): FaultRule {
	if (!input || typeof input !== 'object') throw new TypeError('fault rule must be an object');
	if (!FAULT_KINDS.includes(input.kind)) {
		throw new TypeError(
			`unknown fault kind '${String(input.kind)}' (one of ${FAULT_KINDS.join(', ')})`,
		);
	}
	const rule: FaultRule = { ...input };
	// JSON cannot carry Infinity: accept "Infinity", null or -1 over the control API.
	const times = rule.times as unknown;
	if (times === 'Infinity' || times === null || times === -1) rule.times = Infinity;
	if (rule.times !== undefined && (typeof rule.times !== 'number' || !(rule.times > 0))) {
		throw new TypeError('fault rule times must be a positive number or Infinity');
	}
	if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
		throw new TypeError('fault rule probability must be between 0 and 1');
	}
	return rule;
}
