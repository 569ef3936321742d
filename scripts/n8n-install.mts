/**
 * `npm run n8n:install`: installs the pinned n8n and Node 24 into the cache (first time ~8 minutes;
 * see scripts/n8n/runtime.mts for the layout) and prints where they are.
 */
import { ensureN8n } from './n8n/install.mts';

ensureN8n()
	.then((rt) => {
		console.log(`node24:   ${rt.node24}`);
		console.log(`n8nBin:   ${rt.n8nBin}`);
		console.log(`cacheDir: ${rt.cacheDir}`);
	})
	.catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
