/**
 * A server process the scripts started: stopped by `stop()` (SIGTERM, then SIGKILL), and killed
 * with the process that started it, so no test leaves one behind.
 */
import type { ChildProcess } from 'node:child_process';

import { killGroup } from '../n8n/child-process.mts';

export interface Service {
	readonly running: boolean;
	stop(): Promise<void>;
}

export function superviseChild(
	name: string,
	child: ChildProcess,
	cleanup: () => void = () => {},
	stopSignal: NodeJS.Signals = 'SIGTERM',
	graceMs = 10_000,
): Service {
	let exited = child.exitCode !== null;
	const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exit.then(() => (exited = true));
	const onParentExit = () => killGroup(child, 'SIGKILL');
	process.on('exit', onParentExit);
	child.once('error', (error) => console.error(`${name}: ${error.message}`));
	return {
		get running() {
			return !exited;
		},
		async stop() {
			process.off('exit', onParentExit);
			if (!exited) {
				killGroup(child, stopSignal);
				const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
				await exit;
				clearTimeout(timer);
			}
			cleanup();
		},
	};
}
