/**
 * Runs a polling trigger the way an active n8n workflow does, with n8n-core's own pieces: one
 * PollContext for the activation, TriggersAndPollers.runPollFunction for each poll, and a
 * WorkflowExecute run of the rest of the workflow when a poll emits (as n8n's WorkflowRunner does
 * with a trigger's data). Static data is saved when n8n saves it: after the activation and when a
 * poll emits; a restart builds a new Workflow from what was saved.
 */
import { PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import {
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IRun,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';

import {
	type CredentialStore,
	type WorkflowJson,
	THREADS_POLL_TRIGGER_TYPE,
	engineAdditionalData,
	loadNodeTypes,
} from './n8n-engine.mts';
import { captureOutput, findSecrets, secretsOf } from './secret-scan.mts';

export interface PollOutcome {
	/** What the poll returned: null when nothing was new. */
	emitted: INodeExecutionData[] | null;
	/** The run of the workflow the poll started, when it emitted. */
	run?: IRun;
	/** Output (json) of a node of that run. */
	output(nodeName: string): IDataObject[];
}

let counter = 0;
const pollers = new TriggersAndPollers();

export class PollHarness {
	/** The node's static data as n8n last saved it (what a restart starts from). */
	saved: IDataObject = {};
	private workflow!: Workflow;
	private context!: PollContext;
	private readonly trigger: INode;
	private readonly secretsBefore: string[];

	constructor(
		private readonly workflowJson: WorkflowJson,
		private readonly credentials: CredentialStore,
		/** Stand-ins for other nodes the workflow uses (e.g. an HTTP Request that records what it gets). */
		private readonly extraNodeTypes: Record<string, INodeType> = {},
	) {
		const trigger = workflowJson.nodes.find((node) => node.type === THREADS_POLL_TRIGGER_TYPE);
		if (!trigger) throw new Error('the workflow has no Threads Poll Trigger');
		this.trigger = trigger;
		this.secretsBefore = [...credentials.credentials.values()].flatMap((c) => secretsOf(c.data));
	}

	/** Activates the workflow (or re-activates it after a restart): n8n runs one poll at once, then saves static data. */
	async activate(activation: WorkflowActivateMode = 'init'): Promise<PollOutcome> {
		this.workflow = new Workflow({
			id: 'poll-test',
			name: this.workflowJson.name ?? 'poll test',
			nodes: structuredClone(this.workflowJson.nodes),
			connections: this.workflowJson.connections,
			active: true,
			nodeTypes: loadNodeTypes(this.extraNodeTypes),
			staticData: structuredClone(this.saved),
			settings: {},
		});
		this.context = this.newContext('trigger', activation);
		const outcome = await this.poll();
		this.save();
		return outcome;
	}

	/** n8n restarted: the workflow is built again from the saved static data and activated. */
	async restart(): Promise<PollOutcome> {
		return await this.activate('init');
	}

	/** One scheduled poll; when it emits, the workflow runs and n8n saves the static data. */
	async poll(): Promise<PollOutcome> {
		const { value: emitted, output: logged } = await captureOutput(
			async () => await pollers.runPollFunction(this.workflow, this.trigger, this.context),
		);
		this.scan(logged);
		if (emitted === null) return { emitted: null, output: () => [] };
		this.save();
		const run = await this.runWorkflow(emitted);
		return {
			emitted: emitted[0] ?? [],
			run,
			output: (nodeName) =>
				(run.data.resultData.runData[nodeName]?.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json),
		};
	}

	/** A manual run ("Fetch Test Event") on the same workflow: what the editor shows. */
	async manual(): Promise<INodeExecutionData[] | null> {
		const context = this.newContext('manual', 'manual');
		const result = await pollers.runPollFunction(this.workflow, this.trigger, context);
		return result?.[0] ?? null;
	}

	/** The node's static data as it is in memory now. */
	staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.trigger))) as IDataObject;
	}

	private newContext(mode: WorkflowExecuteMode, activation: WorkflowActivateMode): PollContext {
		const additionalData = engineAdditionalData(this.credentials, mode, `poll-${++counter}`, {
			...this.workflowJson,
			id: 'poll-test',
		});
		return new PollContext(this.workflow, this.trigger, additionalData, mode, activation, () => {}, () => {});
	}

	private save(): void {
		const data = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		delete data.__dataChanged;
		this.saved = data;
	}

	private async runWorkflow(data: INodeExecutionData[][]): Promise<IRun> {
		const executionId = `poll-run-${++counter}`;
		const additionalData = engineAdditionalData(this.credentials, 'trigger', executionId, {
			...this.workflowJson,
			id: 'poll-test',
		});
		const executionData = createRunExecutionData({
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: this.trigger, data: { main: data }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		});
		const executor = new WorkflowExecute(additionalData, 'trigger', executionData);
		const { value: run, output } = await captureOutput(
			async () => await executor.processRunExecutionData(this.workflow),
		);
		this.scan(`${JSON.stringify(run.data)}\n${output}`);
		if (run.data.resultData.error) throw run.data.resultData.error;
		return run;
	}

	/** Every poll and run doubles as a leak check, like the workflow tests'. */
	private scan(text: string): void {
		const secrets = [
			...this.secretsBefore,
			...[...this.credentials.credentials.values()].flatMap((c) => secretsOf(c.data)),
		];
		const leaks = findSecrets(text, secrets);
		if (leaks.length > 0) throw new Error(`Secret leaked into the poll's output or logs: ${leaks.join(', ')}`);
	}
}

/** Threads Poll Trigger -> No Operation ("Events"): the shape the stream tests run. */
export function pollWorkflow(
	parameters: IDataObject,
	credential: { id: string; name: string },
): WorkflowJson {
	return {
		name: 'Threads poll test',
		nodes: [
			{
				id: 'trigger',
				name: 'Threads Poll Trigger',
				type: THREADS_POLL_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters } as INode['parameters'],
				credentials: { threadsOAuth2Api: credential },
			},
			{ id: 'events', name: 'Events', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Threads Poll Trigger': { main: [[{ node: 'Events', type: 'main', index: 0 }]] } },
	};
}
