/**
 * Queue mode: a burst of webhook-started publishes spread over two workers under the fault campaign's
 * mix, and a worker killed while a publish is in flight. Main receives the webhook calls, the workers
 * run Threads > Publish (Skip If Already Posted Within on) against the sandbox, PostgreSQL holds the
 * executions.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { RestError } from '../../scripts/n8n/rest-client.mts';
import { nodeOutput } from '../../scripts/n8n/workflow-data.mts';
import { injectFaultMix } from '../helpers/fault-mix.mts';
import {
	executionError,
	executionRows,
	executionRun,
	executionsWhoseDataHas,
	lastExecutionId,
	waitForFinished,
} from '../helpers/queue-executions.mts';
import {
	PUBLISH_NODE,
	type PublishRequest,
	mixedRequests,
} from '../helpers/queue-publish-workflow.mts';
import { type QueueRig, startQueueRig, workerOfExecutions } from '../helpers/queue-publish-rig.mts';

const LOAD = 200;
const FAULT_RATE = 0.1;
/** How long the sandbox holds the publish request the worker dies in (real time). */
const HOLD_MS = 8000;
const log = (line: string) => console.log(`# ${line}`);

let rig: QueueRig;
before(async () => {
	const started = Date.now();
	rig = await startQueueRig({
		sandbox: {
			processingMs: { IMAGE: 400, VIDEO: 1200, CAROUSEL: 300 },
			quotas: { posts: 10_000, replies: 10_000 },
		},
		concurrency: 10,
		env: {
			// n8n's default of 2 connections per process makes a burst time out waiting for one
			DB_POSTGRESDB_POOL_SIZE: '10',
			// Bull's defaults notice a dead worker's job after a minute; short locks make it seconds.
			QUEUE_WORKER_LOCK_DURATION: '10000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
			QUEUE_WORKER_STALLED_INTERVAL: '3000',
		},
		log,
	});
	log(
		`cluster ready in ${seconds(started)}: main ${rig.cluster.main.url}, sandbox ${rig.sandbox.url}`,
	);
});
after(async () => await rig?.close());

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function postsWith(text: string) {
	return rig.sandbox.published().filter((post) => post.text === text);
}

async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(200);
	}
}

/** The request a (failed) execution received, from its Webhook node's output (none if it never ran). */
async function requestOf(id: string): Promise<{ request?: PublishRequest; error: string }> {
	const run = await executionRun(rig.client, id);
	const error = executionError(run, PUBLISH_NODE);
	if (!run.data.resultData.runData?.Webhook) return { error };
	const [item] = nodeOutput(run, 'Webhook');
	return { request: item.body as PublishRequest, error };
}

test(
	`${LOAD} publishes of mixed kinds fired at once at main, run by two workers under ${FAULT_RATE * 100} % faults`,
	{ timeout: 300_000 },
	async () => {
		const started = Date.now();
		const { cluster, sandbox, workflowId } = rig;
		const [parentId] = sandbox.inject.posts({ text: 'queue load parent' });
		const requests = mixedRequests(LOAD, 'queue load', parentId);
		const afterId = lastExecutionId(cluster.postgres);
		const logStart = sandbox.log.length;
		injectFaultMix(sandbox, { rate: FAULT_RATE, seed: 4242 });

		const answers = await Promise.all(requests.map((request) => rig.fire(request)));
		assert.deepEqual(
			answers.filter((status) => status !== 200),
			[],
			'main answered every webhook call with 200',
		);
		const rows = await waitForFinished(cluster.postgres, workflowId, {
			count: LOAD,
			afterId,
			timeoutMs: 240_000,
		});
		const faultedLog = sandbox.log.slice(logStart);
		sandbox.faults.clear();
		assert.equal(rows.length, LOAD, `one execution per webhook call, got ${rows.length}`);

		// A failed execution whose post does not exist is run again with the same request (faults off).
		const failed = rows.filter((row) => row.status !== 'success');
		const errors: string[] = [];
		let failedButPublished = 0;
		const rerun: PublishRequest[] = [];
		for (const row of failed) {
			const { request, error } = await requestOf(row.id);
			errors.push(`execution ${row.id} (${request?.kind ?? 'request unknown'}): ${error}`);
			if (!request) continue;
			if (postsWith(request.text).length > 0) failedButPublished++;
			else rerun.push(request);
		}
		if (rerun.length > 0) {
			const before = lastExecutionId(cluster.postgres);
			await Promise.all(rerun.map((request) => rig.fire(request)));
			await waitForFinished(cluster.postgres, workflowId, {
				count: rerun.length,
				afterId: before,
				timeoutMs: 120_000,
			});
		}

		const perText = requests.map((request) => postsWith(request.text).length);
		const posts = perText.reduce((a, b) => a + b, 0);
		const duplicates = perText.filter((count) => count > 1).length;
		const lost = perText.filter((count) => count === 0).length;
		const ranBy = workerOfExecutions(cluster);
		const perWorker = new Map(cluster.workers.map((worker) => [worker.name, 0]));
		for (const row of rows)
			for (const name of ranBy.get(row.id) ?? []) perWorker.set(name, perWorker.get(name)! + 1);
		const faulted = faultedLog.filter((entry) => entry.fault).length;
		const recovered = executionsWhoseDataHas(cluster.postgres, workflowId, afterId, '"recovered":');
		// Every text is new: Skip If Already Posted Within must find none of them published before.
		const skipped = executionsWhoseDataHas(
			cluster.postgres,
			workflowId,
			afterId,
			'"ALREADY_PUBLISHED"',
		);

		console.log(
			`queue publish: executions ${rows.length}, posts ${posts}, duplicates ${duplicates}, lost ${lost}, ` +
				[...perWorker].map(([name, count]) => `${name} ${count}`).join(', '),
		);
		console.log(
			`queue publish: requests ${faultedLog.length}, faulted ${faulted} (${((100 * faulted) / faultedLog.length).toFixed(1)} %), ` +
				`lost answers found by the lookup ${recovered}, skipped as already posted ${skipped}, failed executions ${failed.length} ` +
				`(published anyway ${failedButPublished}, run again ${rerun.length}), took ${seconds(started)}`,
		);
		for (const line of errors) console.log(`  ${line}`);

		assert.ok(faulted / faultedLog.length > 0.05, 'faults were injected');
		assert.deepEqual(
			rows.filter((row) => (ranBy.get(row.id) ?? []).length !== 1).map((row) => row.id),
			[],
			'every execution was run by exactly one worker',
		);
		for (const [name, count] of perWorker)
			assert.ok(count > 0, `${name} ran none of the executions`);
		assert.equal(duplicates, 0, 'duplicates');
		assert.equal(lost, 0, 'lost');
		assert.equal(failedButPublished, 0, 'executions reported failed whose post was published');
		assert.equal(skipped, 0, "executions that took another execution's post for their own");
		assert.equal(posts, LOAD);
	},
);

/** n8n's Retry of an execution (the editor's "Retry with original workflow"); says whether Publish ran in it. */
async function retryExecution(id: string): Promise<string> {
	try {
		const retried = await rig.client.request<{ id: string; status: string }>(
			'POST',
			`/rest/executions/${id}/retry`,
			{
				loadWorkflow: false,
			},
		);
		const run = await executionRun(rig.client, retried.id);
		const ran = run.data.resultData.runData?.[PUBLISH_NODE] ? 'Publish ran' : 'Publish did not run';
		return `execution ${retried.id} ${retried.status} ("${executionError(run, PUBLISH_NODE).slice(0, 40)}..."), ${ran}`;
	} catch (failure) {
		if (!(failure instanceof RestError)) throw failure;
		return `refused ${failure.status}: ${failure.body.slice(0, 160)}`;
	}
}

test(
	'a worker killed mid-publish: n8n fails the execution, the post exists at most once, also when the call is made again',
	{ timeout: 300_000 },
	async () => {
		const started = Date.now();
		const { cluster, sandbox, workflowId } = rig;
		const request: PublishRequest = {
			kind: 'TEXT',
			mediaType: 'TEXT',
			text: 'queue worker killed mid-publish',
		};
		const afterId = lastExecutionId(cluster.postgres);
		const logStart = sandbox.log.length;
		sandbox.faults.inject({ kind: 'slow', operation: 'publish', times: 1, delayMs: HOLD_MS });

		assert.equal(await rig.fire(request), 200);
		await until(
			'the publish request',
			() => sandbox.log.slice(logStart).some((e) => e.operation === 'publish'),
			60_000,
		);
		const heldAt = Date.now();
		const [row] = executionRows(cluster.postgres, workflowId, afterId);
		await until(
			`a worker to log execution ${row.id}`,
			() => workerOfExecutions(cluster).has(row.id),
			10_000,
		);
		const [workerName] = workerOfExecutions(cluster).get(row.id)!;
		const index = cluster.workers.findIndex((worker) => worker.name === workerName);
		await cluster.killWorker(index);

		try {
			const [ended] = await waitForFinished(cluster.postgres, workflowId, {
				count: 1,
				afterId,
				timeoutMs: 90_000,
			});
			const endedIn = seconds(heldAt);
			const cause = executionError(await executionRun(rig.client, ended.id), PUBLISH_NODE);
			// The sandbox, like Meta, carries out a request whose caller went away.
			await sleep(Math.max(0, heldAt + HOLD_MS + 1000 - Date.now()));
			const afterKill = postsWith(request.text).length;

			const retry = await retryExecution(ended.id);
			const afterRetry = postsWith(request.text).length;

			// What a caller does when its call failed: the same webhook call again.
			const before = lastExecutionId(cluster.postgres);
			assert.equal(await rig.fire(request), 200);
			const [again] = await waitForFinished(cluster.postgres, workflowId, {
				count: 1,
				afterId: before,
				timeoutMs: 90_000,
			});
			const afterRerun = postsWith(request.text).length;
			const [rerunOutput] = nodeOutput(await executionRun(rig.client, again.id), PUBLISH_NODE);

			console.log(
				`worker killed mid-publish: ${workerName} killed, execution ${ended.id} ${ended.status} ${endedIn} later ("${cause.slice(0, 90)}..."), posts ${afterKill}; ` +
					`n8n's Retry: ${retry}, posts ${afterRetry}; same webhook call again: execution ${again.id} ${again.status} (${String(rerunOutput?.status)}), posts ${afterRerun}; took ${seconds(started)}`,
			);
			assert.notEqual(ended.status, 'success', 'the killed execution is not reported a success');
			assert.ok(afterKill <= 1, `posts after the kill: ${afterKill}`);
			assert.equal(afterRetry, afterKill, "n8n's Retry posted it");
			assert.equal(again.status, 'success');
			// Skip If Already Posted Within: the re-run finds the post the killed execution published.
			assert.equal(afterRerun, 1, `posts after the re-run: ${afterRerun}`);
			assert.equal(rerunOutput?.status, 'ALREADY_PUBLISHED');
			assert.equal(rerunOutput?.id, postsWith(request.text)[0].id);
		} finally {
			await cluster.restartWorker(index);
		}
	},
);
