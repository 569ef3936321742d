// Fault campaign: over a thousand publishes of every kind while the sandbox breaks about 10 % of the
// requests in every way it knows. Nothing may be posted twice or lost silently.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FAULT_KINDS } from '../../sandbox/index.mts';
import { injectFaultMix } from '../helpers/fault-mix.mts';
import { type PublishingRig, startPublishingRig } from '../helpers/publishing-rig.mts';

const ROUNDS = 10;
const ONE_STEP_PER_ROUND = 90;
const TWO_STEP_PER_ROUND = 20;
const FAULT_RATE = 0.1;
const DAY = 24 * 60 * 60 * 1000;
const IMG = 'https://cdn.example.com/campaign.jpg';
const VID = 'https://cdn.example.com/campaign.mp4';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig({
		processingMs: { IMAGE: 1500, VIDEO: 20000, CAROUSEL: 800 },
		mediaNotFoundAfterFinishedMs: 500,
	});
});
after(async () => await rig.close());

function injectFaults(round: number): void {
	injectFaultMix(rig.sandbox, { rate: FAULT_RATE, seed: 1 + round * 1000 });
}

interface Planned extends IDataObject {
	text: string;
	kind: string;
	flow: 'one-step' | 'two-step';
}

function oneStepItems(round: number, parentId: string): Planned[] {
	const kinds = ['TEXT', 'AUTO', 'REPLY', 'IMAGE', 'VIDEO', 'CAROUSEL'];
	return Array.from({ length: ONE_STEP_PER_ROUND }, (_, index) => {
		const kind = kinds[index % kinds.length];
		const text = `campaign r${round} i${index} ${kind.toLowerCase()}`;
		const base: Planned = {
			text,
			kind,
			flow: 'one-step',
			mediaType: kind === 'AUTO' || kind === 'REPLY' ? 'TEXT' : kind,
		};
		if (kind === 'AUTO') base.auto = true;
		if (kind === 'REPLY') base.replyTo = parentId;
		if (kind === 'IMAGE') base.url = `${IMG}?r=${round}&i=${index}`;
		if (kind === 'VIDEO') base.url = `${VID}?r=${round}&i=${index}`;
		if (kind === 'CAROUSEL')
			base.urls = [`${IMG}?c=1`, `${VID}?c=2`, `${IMG}?c=3`].map(
				(url) => `${url}&r=${round}&i=${index}`,
			);
		return base;
	});
}

function twoStepItems(round: number): Planned[] {
	return Array.from({ length: TWO_STEP_PER_ROUND }, (_, index) => {
		const kind = index % 2 === 0 ? 'TEXT' : 'IMAGE';
		return {
			text: `campaign r${round} two-step ${index}`,
			kind,
			flow: 'two-step',
			mediaType: kind,
			url: `${IMG}?two=${round}-${index}`,
		};
	});
}

const oneStep = {
	name: 'Publish',
	continueOnFail: true,
	parameters: {
		resource: 'post',
		operation: 'publish',
		mediaType: '={{ $json.mediaType }}',
		text: '={{ $json.text }}',
		imageUrl: '={{ $json.url }}',
		videoUrl: '={{ $json.url }}',
		carouselSource: 'node',
		carouselItems: {
			item: [
				{ mediaType: 'IMAGE', url: '={{ $json.urls[0] }}' },
				{ mediaType: 'VIDEO', url: '={{ $json.urls[1] }}' },
				{ mediaType: 'IMAGE', url: '={{ $json.urls[2] }}' },
			],
		},
		options: {
			replyToId: '={{ $json.replyTo ?? "" }}',
			autoPublishText: '={{ $json.auto === true }}',
		},
	},
};

const twoStep = [
	{
		name: 'Create Container',
		continueOnFail: true,
		parameters: {
			resource: 'container',
			operation: 'create',
			mediaType: '={{ $json.mediaType }}',
			text: '={{ $json.text }}',
			imageUrl: '={{ $json.url }}',
			videoUrl: '={{ $json.url }}',
		},
	},
	{
		name: 'Publish Container',
		continueOnFail: true,
		parameters: { resource: 'container', operation: 'publish' },
	},
];

interface Outcome {
	planned: Planned;
	item?: INodeExecutionData;
}

function pairOutputs(planned: Planned[], items: INodeExecutionData[]): Outcome[] {
	const outcomes: Outcome[] = planned.map((p) => ({ planned: p }));
	for (const item of items) {
		const paired = item.pairedItem as { item: number };
		outcomes[paired.item].item = item;
	}
	return outcomes;
}

test(
	`fault campaign: ${ROUNDS * (ONE_STEP_PER_ROUND + TWO_STEP_PER_ROUND)} publishes, ${FAULT_RATE * 100} % faults of every kind`,
	{ timeout: 300_000 },
	async () => {
		const outcomes: Outcome[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			// A fresh 24-hour quota window, and a parent post for the replies (made before faults start).
			rig.sandbox.clock.advance(DAY + 60_000);
			rig.sandbox.faults.clear();
			const parent = await rig.run([
				{
					name: 'Parent',
					parameters: {
						resource: 'post',
						operation: 'publish',
						mediaType: 'TEXT',
						text: `campaign parent ${round}`,
					},
				},
			]);
			const parentId = String(parent.output('Parent')[0].id);
			injectFaults(round);

			const oneStepPlan = oneStepItems(round, parentId);
			const first = await rig.run([oneStep], oneStepPlan);
			assert.equal(first.error, undefined, first.error?.message);
			outcomes.push(...pairOutputs(oneStepPlan, first.items('Publish')));

			rig.sandbox.clock.advance(5 * 60_000);
			const twoStepPlan = twoStepItems(round);
			const second = await rig.run(twoStep, twoStepPlan);
			assert.equal(second.error, undefined, second.error?.message);
			const created = pairOutputs(twoStepPlan, second.items('Create Container'));
			const published = pairOutputs(twoStepPlan, second.items('Publish Container'));
			outcomes.push(
				...published.map((outcome, index) =>
					created[index].item?.json.error ? created[index] : outcome,
				),
			);
		}
		rig.sandbox.faults.clear();

		const posts = rig.sandbox.published().filter((p) => p.text.startsWith('campaign r'));
		const byText = new Map<string, typeof posts>();
		for (const post of posts) byText.set(post.text, [...(byText.get(post.text) ?? []), post]);

		let publishedOnce = 0;
		let duplicates = 0;
		let silentlyLost = 0;
		let wrongId = 0;
		let failedButPublished = 0;
		let unidentified = 0;
		let recovered = 0;
		const errors = new Map<string, number>();
		for (const { planned, item } of outcomes) {
			const found = byText.get(planned.text) ?? [];
			if (found.length > 1) duplicates++;
			const json = item?.json ?? { error: 'no output item' };
			if (typeof json.error === 'string') {
				const message = json.error.replace(/\d{6,}/g, '<id>');
				errors.set(message, (errors.get(message) ?? 0) + 1);
				if (found.length > 0) failedButPublished++;
				continue;
			}
			if (json.recovered === true) recovered++;
			if (found.length === 0) silentlyLost++;
			else if (json.id === null) unidentified++;
			else if (json.id !== found[0].id) wrongId++;
			else if (found.length === 1) publishedOnce++;
		}
		const log = rig.sandbox.log;
		const fired = new Map<string, number>();
		for (const entry of log)
			for (const kind of entry.fault?.split(',') ?? []) fired.set(kind, (fired.get(kind) ?? 0) + 1);
		const faulted = log.filter((entry) => entry.fault).length;

		const lines = [
			'',
			'Fault campaign',
			`  items                       ${outcomes.length} (${ROUNDS} rounds: ${ONE_STEP_PER_ROUND} one-step of text/auto-publish/reply/image/video/carousel, ${TWO_STEP_PER_ROUND} create+publish)`,
			`  requests                    ${log.length}, faulted ${faulted} (${((100 * faulted) / log.length).toFixed(1)} %)`,
			`  faults by kind              ${[...fired].map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
			`  published exactly once      ${publishedOnce}`,
			`  published, id not returned  ${unidentified}`,
			`  resolved unknown outcomes   ${recovered} (publish answer lost; Threads asked, post found)`,
			`  reported with an error      ${[...errors.values()].reduce((a, b) => a + b, 0)}`,
			...[...errors].map(([message, count]) => `      ${count} x ${message}`),
			`  duplicates                  ${duplicates}`,
			`  silently lost               ${silentlyLost}`,
			`  wrong id returned           ${wrongId}`,
			`  failed but published        ${failedButPublished}`,
			'',
		];
		console.log(lines.join('\n'));

		assert.ok(outcomes.length >= 1000);
		assert.ok(faulted / log.length > 0.07, 'faults were injected');
		assert.ok(recovered > 0, 'lost answers were resolved by asking Threads');
		for (const kind of FAULT_KINDS) assert.ok(fired.has(kind), `fault ${kind} fired`);
		assert.equal(duplicates, 0, 'duplicates');
		assert.equal(silentlyLost, 0, 'silently lost');
		assert.equal(wrongId, 0, 'wrong ids');
		assert.equal(failedButPublished, 0, 'items reported failed that were published');
		assert.equal(
			publishedOnce + unidentified + [...errors.values()].reduce((a, b) => a + b, 0),
			outcomes.length,
		);
		for (const message of errors.keys()) assert.ok(message.length > 20, `clear error: ${message}`);
	},
);
