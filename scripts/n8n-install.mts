/**
 * `npm run n8n:install`: installs the pinned n8n and Node 24 into the cache (first time ~8 minutes;
 * see scripts/n8n/runtime.mts for the layout) and prints where they are.
 * `npm run n8n:install -- 1.85.4 1.123.81` installs those n8n versions instead, side by side.
 */
import { ensureN8nVersion } from './n8n/install.mts';
import { N8N_VERSION } from './n8n/runtime.mts';

const versions = process.argv.length > 2 ? process.argv.slice(2) : [N8N_VERSION];

Promise.all(
	versions.map((version) =>
		ensureN8nVersion(version, {
			log: (line) => console.log(versions.length > 1 ? `[${version}] ${line}` : line),
		}),
	),
)
	.then((runtimes) => {
		for (const rt of runtimes) {
			console.log(`n8n ${rt.version}:`);
			console.log(`  node:     ${rt.node}`);
			console.log(`  n8nBin:   ${rt.n8nBin}`);
			console.log(`  cacheDir: ${rt.cacheDir}`);
		}
	})
	.catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
