import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from '../../scripts/build-package.mts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The end-to-end tests install dist/ into n8n: build it first, unless THREADS_E2E_SKIP_BUILD=1 says
 * it is fresh (`npm test` builds once before every phase).
 */
export function buildForE2e(): void {
	if (process.env.THREADS_E2E_SKIP_BUILD !== '1') buildPackage(repoRoot);
}
