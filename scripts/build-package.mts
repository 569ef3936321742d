/** Builds this package into dist/ with `n8n-node build`: what `npm start` and the e2e tests load. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cleanChildEnv } from './n8n/child-process.mts';

/** Runs `n8n-node build` in `repoRoot`; throws with its output (colours and spinner removed) if it fails. */
export function buildPackage(repoRoot: string): void {
	const bin = path.join(repoRoot, 'node_modules', '.bin', 'n8n-node');
	const res = existsSync(bin)
		? spawnSync(bin, ['build'], { cwd: repoRoot, encoding: 'utf8', env: cleanChildEnv() })
		: spawnSync('npx', ['n8n-node', 'build'], {
				cwd: repoRoot,
				encoding: 'utf8',
				env: cleanChildEnv(),
			});
	if (res.status !== 0) {
		const plain = (text: string) =>
			// eslint-disable-next-line no-control-regex
			text
				.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
				.replace(/[◒◐◓◑]\s+Building TypeScript files\.*/g, '');
		throw new Error(
			`n8n-node build failed (did you run "npm install"?):\n${plain(res.stdout)}\n${plain(res.stderr)}`,
		);
	}
}
