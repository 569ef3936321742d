/**
 * The fault campaign's mix: every fault kind the sandbox knows, on every operation a publish makes,
 * each rule with the same probability so that together they break about `rate` of the requests.
 */
import { FAULT_KINDS, type Sandbox } from '../../sandbox/index.mts';

/** The operations a publish (and its lost-answer lookup) sends. */
export const PUBLISHING_OPERATIONS = [
	'createContainer',
	'containerStatus',
	'publish',
	'getMedia',
	'getThreads',
	'getUserReplies',
	'getGhostPosts',
	'publishingLimit',
];

/** Injects the mix; the rule of kind k on operation o is seeded with `seed + k * 50 + o`. */
export function injectFaultMix(
	sandbox: Pick<Sandbox, 'faults'>,
	{ rate, seed }: { rate: number; seed: number },
): void {
	const perRule = 1 - (1 - rate) ** (1 / FAULT_KINDS.length);
	FAULT_KINDS.forEach((kind, k) => {
		PUBLISHING_OPERATIONS.forEach((operation, o) => {
			sandbox.faults.inject({
				kind,
				operation,
				probability: perRule,
				times: Infinity,
				seed: seed + k * 50 + o,
				...(kind === 'slow' ? { delayMs: 3 } : {}),
			});
		});
	});
}
