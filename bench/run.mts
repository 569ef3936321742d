/** `npm run bench`: runs the default export of every bench/*.bench.mts, one after the other. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
// n8n-core writes its settings into the user folder: keep it out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'threads-bench-'));

const only = process.argv.slice(2);
const files = readdirSync(benchDir)
	.filter((name) => name.endsWith('.bench.mts'))
	.filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
	.sort();

let failed = 0;
for (const file of files) {
	process.stdout.write(`\n=== ${file}\n`);
	const started = Date.now();
	const module = (await import(pathToFileURL(path.join(benchDir, file)).href)) as {
		default?: () => Promise<unknown>;
	};
	if (typeof module.default !== 'function') {
		process.stdout.write(`${file} has no default export to run\n`);
		failed++;
		continue;
	}
	try {
		await module.default();
	} catch (error) {
		failed++;
		process.stdout.write(`${file} failed: ${(error as Error)?.stack ?? String(error)}\n`);
	}
	process.stdout.write(`(${file}: ${((Date.now() - started) / 1000).toFixed(1)} s of real time)\n`);
}
process.exitCode = failed > 0 ? 1 : 0;
