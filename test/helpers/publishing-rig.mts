/**
 * Helpers for the publishing tests: the node's clock driven by the sandbox's manual clock, and
 * workflows that chain several Threads nodes.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import type { ContainerView, PublishedPost, RequestLogEntry, Sandbox } from '../../sandbox/index.mts';
import { type Rig, startRig } from './fixtures.mts';
import {
	THREADS_CREDENTIAL_TYPE,
	THREADS_NODE_TYPE,
	type WorkflowJson,
	repoRoot,
	runWorkflow,
} from './n8n-engine.mts';

const require = createRequire(import.meta.url);

export interface NodeClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** The built node's clock (the one every wait goes through). */
export function nodeClock(): NodeClock {
	return require(path.join(repoRoot, 'dist/nodes/Threads/shared/clock.js')).clock as NodeClock;
}

/**
 * Makes every wait of the node advance the sandbox's manual clock instead of waiting, so minutes of
 * processing take milliseconds. Returns a function that puts the real clock back.
 */
export function driveNodeClockWithSandbox(sandbox: Sandbox): () => void {
	const clock = nodeClock();
	const original = { now: clock.now, sleep: clock.sleep };
	clock.now = () => sandbox.clock.now();
	clock.sleep = async (ms: number) => {
		sandbox.clock.advance(Math.max(0, Math.round(ms)));
	};
	return () => {
		clock.now = original.now;
		clock.sleep = original.sleep;
	};
}

export const TRIGGER = 'When clicking ‘Execute workflow’';

export interface Step {
	name: string;
	parameters: IDataObject;
	continueOnFail?: boolean;
}

/** Manual trigger -> Threads nodes in a row, the way a user wires them in the editor. */
export function chainWorkflow(
	steps: Step[],
	credential: { id: string; name: string },
): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 'trigger',
			name: TRIGGER,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const names = new Set(steps.map((step) => step.name));
	if (names.size !== steps.length) throw new Error('chainWorkflow: every step needs its own name');
	const connections: WorkflowJson['connections'] = {};
	let previous = TRIGGER;
	steps.forEach((step, index) => {
		nodes.push({
			id: `step-${index}`,
			name: step.name,
			type: THREADS_NODE_TYPE,
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			parameters: step.parameters as INode['parameters'],
			credentials: { [THREADS_CREDENTIAL_TYPE]: credential },
			...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { name: 'Threads publishing test', nodes, connections };
}

export interface PublishingRig extends Rig {
	/** Runs a chain of Threads nodes, with optional input items for the trigger. */
	run(steps: Step[], input?: IDataObject[]): ReturnType<typeof runWorkflow>;
	/** Requests the node made since the last clearLog(), as "METHOD operation" strings. */
	requests(): string[];
}

/**
 * A rig whose credential has already been used once (so token housekeeping requests are out of
 * the way) and whose node clock follows the sandbox's manual clock.
 */
export async function startPublishingRig(
	options: Parameters<typeof startRig>[0] = {},
	/** Runs once the sandbox is up, before the first request (e.g. to point a proxy at it). */
	beforeWarmUp?: (rig: Rig) => void,
): Promise<PublishingRig & { restoreClock(): void }> {
	const rig = await startRig(options);
	beforeWarmUp?.(rig);
	const restoreClock = driveNodeClockWithSandbox(rig.sandbox);
	const run = async (steps: Step[], input?: IDataObject[]) =>
		await runWorkflow(chainWorkflow(steps, rig.ref), {
			credentials: rig.store,
			pinData: input ? { [TRIGGER]: input } : undefined,
		});
	// Creating an unpublished container has no lasting effect (it expires) and settles the token.
	await run([
		{
			name: 'Warm up',
			parameters: { resource: 'container', operation: 'create', mediaType: 'TEXT', text: 'warm-up' },
		},
	]);
	rig.sandbox.clearLog();
	return {
		...rig,
		run,
		requests: () => rig.sandbox.log.map((entry) => `${entry.method} ${entry.operation}`),
		restoreClock,
		close: async () => {
			restoreClock();
			await rig.close();
		},
	};
}

/** The container a threads_publish request named, wherever the node put creation_id (form body or query). */
export function creationIdOf(entry: RequestLogEntry): string | undefined {
	const value = entry.body.creation_id ?? entry.query.creation_id;
	return value === undefined ? undefined : String(value);
}

/**
 * Every threads_publish request for this container in the sandbox's request log (everything since the
 * last clearLog()), whatever the sandbox answered: refused, dropped and lost answers included.
 */
export function publishCallsFor(sandbox: Sandbox, containerId: unknown): RequestLogEntry[] {
	return sandbox.log.filter(
		(entry) => entry.operation === 'publish' && creationIdOf(entry) === String(containerId),
	);
}

/** What a post shows: its kind, its text and the media it carries (a carousel's in item order). */
function contentOf(containers: Map<string, ContainerView>, post: PublishedPost): string {
	const mediaOf = (id: string) => {
		const params = containers.get(id)?.params ?? {};
		return String(params.image_url ?? params.video_url ?? '');
	};
	const media = post.childrenContainerIds
		? post.childrenContainerIds.map(mediaOf)
		: [mediaOf(post.containerId)];
	return JSON.stringify([post.mediaType, post.text, media]);
}

/**
 * Every post in the sandbox's state (not only since clearLog(), deleted ones included) that shows the
 * same content (kind, text, media URLs) as the post with this id, counted one by one: a second post
 * of the same text is a second entry here although its id differs. Empty when no post has this id.
 */
export function postsWithSameContent(sandbox: Sandbox, id: unknown): PublishedPost[] {
	const containers = new Map(sandbox.containers().map((c) => [c.id, c]));
	const all = sandbox.published();
	const post = all.find((p) => p.id === id);
	if (!post) return [];
	const content = contentOf(containers, post);
	return all.filter((p) => contentOf(containers, p) === content);
}
