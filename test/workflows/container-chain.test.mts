// Container operations chained the obvious way: no expressions needed between the nodes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';

import {
	type PublishingRig,
	publishCallsFor,
	startPublishingRig,
} from '../helpers/publishing-rig.mts';

let rig: PublishingRig;
before(async () => {
	rig = await startPublishingRig();
});
beforeEach(() => {
	rig.sandbox.clearLog();
	rig.sandbox.faults.clear();
});
after(async () => await rig.close());

const IMG = 'https://cdn.example.com/photo.jpg';
const createStep = (parameters: Record<string, unknown>) => ({
	name: 'Create Container',
	parameters: { resource: 'container', operation: 'create', ...parameters },
});
const statusStep = {
	name: 'Get Container Status',
	parameters: { resource: 'container', operation: 'getStatus' },
};
const publishStep = (options: Record<string, unknown> = {}, continueOnFail = false) => ({
	name: 'Publish Container',
	parameters: { resource: 'container', operation: 'publish', options },
	continueOnFail,
});

test('Create Container -> Get Container Status -> Publish Container publishes an image', async () => {
	const result = await rig.run([
		createStep({
			mediaType: 'IMAGE',
			imageUrl: IMG,
			text: 'Sunset',
			options: { altText: 'A red sky' },
		}),
		statusStep,
		publishStep(),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const [created] = result.output('Create Container');
	const [status] = result.output('Get Container Status');
	const [published] = result.output('Publish Container');
	assert.match(String(created.id), /^\d+$/);
	assert.equal(status.id, created.id);
	assert.match(String(status.status), /IN_PROGRESS|FINISHED/);
	assert.equal(published.containerId, created.id);
	const posts = rig.sandbox.published();
	const post = posts.find((p) => p.id === published.id);
	assert.ok(post, 'the returned id is the published post');
	assert.equal(post.text, 'Sunset');
	assert.equal(published.permalink, post.permalink);
	assert.equal(posts.filter((p) => p.containerId === created.id).length, 1);
});

test('Get Container Status explains a processing error and recognizes a published post id', async () => {
	const failed = await rig.run([
		createStep({
			mediaType: 'VIDEO',
			videoUrl: 'https://cdn.example.com/v.mp4?sandbox_error=INVALID_DURATION',
		}),
	]);
	const [container] = failed.output('Create Container');
	rig.sandbox.clock.advance(5000);
	const status = await rig.run([
		{ ...statusStep, parameters: { ...statusStep.parameters, containerId: container.id } },
	]);
	const [report] = status.output('Get Container Status');
	assert.equal(report.status, 'ERROR');
	assert.equal(report.errorMessage, 'INVALID_DURATION');
	assert.match(String(report.errorDescription), /too long or too short/);

	const posted = await rig.run([
		createStep({ mediaType: 'TEXT', text: 'Already out' }),
		publishStep(),
	]);
	const [post] = posted.output('Publish Container');
	const asked = await rig.run([
		{ ...statusStep, parameters: { ...statusStep.parameters, containerId: post.id } },
	]);
	const [answer] = asked.output('Get Container Status');
	assert.equal(answer.status, 'PUBLISHED');
	assert.equal(answer.isPublishedMedia, true);
});

test('Create Container over several items chains straight into one carousel', async () => {
	const input = [1, 2, 3].map((n) => ({ url: `${IMG}?n=${n}`, alt: `Photo ${n}` }));
	const result = await rig.run(
		[
			createStep({
				mediaType: 'IMAGE',
				isCarouselItem: true,
				imageUrl: '={{ $json.url }}',
				options: { altText: '={{ $json.alt }}' },
			}),
			{
				name: 'Create Carousel Container',
				parameters: { resource: 'container', operation: 'createCarousel', text: 'Three photos' },
			},
			publishStep(),
		],
		input,
	);
	assert.equal(result.error, undefined, result.error?.message);
	const items = result.output('Create Container');
	assert.equal(items.length, 3);
	const [carouselItem] = result.items('Create Carousel Container');
	assert.deepEqual(carouselItem.pairedItem, [{ item: 0 }, { item: 1 }, { item: 2 }]);
	assert.deepEqual(
		carouselItem.json.childContainerIds,
		items.map((item) => item.id),
	);
	const [published] = result.output('Publish Container');
	const post = rig.sandbox.published().find((p) => p.id === published.id);
	assert.equal(post?.mediaType, 'CAROUSEL_ALBUM');
	assert.deepEqual(
		post?.childrenContainerIds,
		items.map((item) => item.id),
	);
	assert.equal(post?.text, 'Three photos');
	const children = rig.sandbox.containers().filter((c) => items.some((item) => item.id === c.id));
	assert.deepEqual(
		children.map((c) => c.params.alt_text),
		['Photo 1', 'Photo 2', 'Photo 3'],
	);
});

test('Publish Container waits for a long video, checking a dozen times at most', async () => {
	const result = await rig.run([
		createStep({
			mediaType: 'VIDEO',
			videoUrl: 'https://cdn.example.com/long.mp4?sandbox_processing_ms=240000',
		}),
		publishStep(),
	]);
	assert.equal(result.error, undefined, result.error?.message);
	const checks = rig.requests().filter((r) => r === 'GET containerStatus').length;
	// One check at once (the container's age is unknown to Publish Container), then the age schedule.
	assert.ok(checks <= 13, `${checks} status checks`);
	assert.equal(
		rig.sandbox.published().filter((p) => p.id === result.output('Publish Container')[0].id).length,
		1,
	);
});

test('a processing error carries the container id, and continue-on-fail lets the other items go on', async () => {
	const result = await rig.run(
		[createStep({ mediaType: 'VIDEO', videoUrl: '={{ $json.url }}' }), publishStep({}, true)],
		[
			{ url: 'https://cdn.example.com/bad.mp4?sandbox_error=FAILED_PROCESSING_VIDEO' },
			{ url: 'https://cdn.example.com/good.mp4' },
		],
	);
	assert.equal(result.error, undefined, result.error?.message);
	const created = result.output('Create Container');
	const [bad, good] = result.items('Publish Container');
	assert.match(String(bad.json.error), /^Container \d+ could not be processed: Threads could not process the video/);
	assert.equal(bad.json.containerId, created[0].id);
	assert.deepEqual(bad.pairedItem, { item: 0 });
	assert.equal(good.json.containerId, created[1].id);
	assert.ok(rig.sandbox.published().some((p) => p.id === good.json.id));
});

test('a timeout is an error carrying the container id; publishing it later works', async () => {
	const timedOut = await rig.run([
		createStep({
			mediaType: 'VIDEO',
			videoUrl: 'https://cdn.example.com/huge.mp4?sandbox_processing_ms=900000',
		}),
		publishStep({ maxWait: 60 }),
	]);
	assert.ok(timedOut.error, 'a timeout is never success');
	assert.match(timedOut.error.message, /still processing after 60 s: nothing was published/);
	const [container] = timedOut.output('Create Container');
	assert.match(timedOut.error.message, new RegExp(String(container.id)));
	assert.equal(rig.sandbox.published().filter((p) => p.containerId === container.id).length, 0);

	rig.sandbox.clock.advance(900_000);
	const resumed = await rig.run([
		{ ...publishStep(), parameters: { ...publishStep().parameters, containerId: container.id } },
	]);
	assert.equal(resumed.error, undefined, resumed.error?.message);
	assert.equal(rig.sandbox.published().filter((p) => p.containerId === container.id).length, 1);
});

test('publishing the same container twice publishes it once', async () => {
	const first = await rig.run([
		createStep({ mediaType: 'TEXT', text: 'Only once' }),
		publishStep(),
	]);
	const [container] = first.output('Create Container');
	const again = await rig.run([
		{ ...publishStep(), parameters: { ...publishStep().parameters, containerId: container.id } },
	]);
	assert.equal(again.error, undefined, again.error?.message);
	const [answer] = again.output('Publish Container');
	assert.equal(answer.alreadyPublished, true);
	assert.equal(rig.sandbox.published().filter((p) => p.containerId === container.id).length, 1);
	// Counted over both runs' whole request log, whatever the sandbox answered: the first run's
	// publish, accepted, and nothing from the second run (which asks the status instead), so no
	// duplicate is ever sent for the sandbox to refuse.
	assert.deepEqual(
		publishCallsFor(rig.sandbox, container.id).map((c) => c.status),
		[200],
		'exactly one publish request for the container, and it was accepted',
	);
});

test('publishing an already published container without waiting sends one refused request and reports it', async () => {
	const first = await rig.run([createStep({ mediaType: 'TEXT', text: 'Published before' }), publishStep()]);
	const [container] = first.output('Create Container');
	rig.sandbox.clearLog();
	const again = await rig.run([
		{ ...publishStep({ waitUntilReady: false }), parameters: { ...publishStep({ waitUntilReady: false }).parameters, containerId: container.id } },
	]);
	assert.equal(again.error, undefined, again.error?.message);
	const [answer] = again.output('Publish Container');
	assert.equal(answer.alreadyPublished, true);
	assert.equal(answer.id, null);
	assert.deepEqual(rig.requests(), ['POST publish']);
	assert.equal(rig.sandbox.published().filter((p) => p.containerId === container.id).length, 1);
});

test('Create Carousel Container from items fails clearly when an item carries no container', async () => {
	const result = await rig.run(
		[{ name: 'Create Carousel Container', parameters: { resource: 'container', operation: 'createCarousel' } }],
		[{ id: '17890000000000001' }, { error: 'upstream failed' }, { id: '17890000000000002' }],
	);
	assert.ok(result.error);
	assert.match(result.error.message, /^Item Container ID is empty for input item 2/);
	assert.deepEqual(rig.requests(), []);
});
