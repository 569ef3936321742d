/**
 * Prepares an n8n user folder: this package installed into it the way n8n's community-package
 * installer does, and n8n's editor cache kept outside the repository.
 */
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readlinkSync,
	realpathSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { cleanChildEnv } from './child-process.mts';
import { stableId } from './ids.mts';
import { n8nFolder } from './instance.mts';
import type { Log, N8nRuntime } from './runtime.mts';

/**
 * n8n copies its whole editor (hundreds of .js files) into `<userFolder>/.cache/n8n/public` at every
 * start. For a user folder inside the repository that would make `eslint .` (n8n-node lint, whose
 * strict mode forbids adding ignores) walk them; ESLint does not follow directory symlinks, so we keep
 * that cache outside the repository and link it in. It is rebuilt at every start anyway.
 */
export function linkStaticCacheOutside(userFolder: string, runtime: N8nRuntime): string {
	const target = path.join(runtime.cacheDir, 'editor-cache', stableId(path.resolve(userFolder)));
	const link = path.join(userFolder, '.cache');
	mkdirSync(target, { recursive: true });
	mkdirSync(userFolder, { recursive: true });
	try {
		const stat = lstatSync(link);
		if (stat.isSymbolicLink() && readlinkSync(link) === target) return target;
		rmSync(link, { recursive: true, force: true });
	} catch {
		// no link yet
	}
	symlinkSync(target, link, 'dir');
	return target;
}

const packed = new Map<string, { stamp: string; tarball: string }>();

/**
 * `npm pack` of the package, once per build: a queue-mode cluster installs it into three user
 * folders, and each pack takes seconds. A new build (other file times) packs again.
 */
function packOnce(packageDir: string, files: string[]): string {
	const stamp = files.map((file) => statSync(path.join(packageDir, file)).mtimeMs).join(',');
	const known = packed.get(packageDir);
	if (known?.stamp === stamp && existsSync(known.tarball)) return known.tarball;
	const packDir = mkdtempSync(path.join(os.tmpdir(), 'threads-pack-'));
	process.once('exit', () => rmSync(packDir, { recursive: true, force: true }));
	const result = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], {
		cwd: packageDir,
		encoding: 'utf8',
		env: cleanChildEnv(),
	});
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const info = JSON.parse(result.stdout) as Array<{ filename: string }>;
	const tarball = path.join(packDir, info[0].filename);
	packed.set(packageDir, { stamp, tarball });
	return tarball;
}

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
}

/**
 * Installs the built package (its `npm pack` contents) into `<userFolder>/.n8n/nodes/node_modules/<name>`,
 * as n8n's community-package installer does (pack, extract, drop dev/peer/optional dependencies from
 * package.json, install remaining dependencies with scripts off, record it in nodes/package.json).
 * n8n loads every `n8n-nodes-*` folder there at start, under the package's real name
 * (`n8n-nodes-meta-threads.threads`), unlike N8N_CUSTOM_EXTENSIONS which prefixes `CUSTOM.`.
 *
 * `n8n-workflow` (a peer dependency) must be n8n's own copy, or `instanceof NodeApiError` checks in
 * n8n fail: a symlink `nodes/node_modules/n8n-workflow` -> n8n's copy makes Node resolve it there
 * before it could walk up to a repository's node_modules.
 */
export function installPackageIntoUserFolder(opts: {
	runtime: N8nRuntime;
	userFolder: string;
	packageDir: string;
	log?: Log;
}): InstalledPackage {
	const { runtime, userFolder, packageDir } = opts;
	const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
		if (!existsSync(path.join(packageDir, file))) {
			throw new Error(
				`${file} (listed in package.json "n8n") is missing: run "npm run build" first`,
			);
		}
	}
	const nodesDir = path.join(n8nFolder(userFolder), 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	const target = path.join(modulesDir, ...pkg.name.split('/'));
	mkdirSync(modulesDir, { recursive: true });

	const tarball = packOnce(packageDir, [
		'package.json',
		...(pkg.n8n?.nodes ?? []),
		...(pkg.n8n?.credentials ?? []),
	]);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`tar failed:\n${tar.stderr}`);

	const installedJsonPath = path.join(target, 'package.json');
	const installedJson = JSON.parse(readFileSync(installedJsonPath, 'utf8')) as Record<
		string,
		unknown
	>;
	delete installedJson.devDependencies;
	delete installedJson.peerDependencies;
	delete installedJson.optionalDependencies;
	writeFileSync(installedJsonPath, JSON.stringify(installedJson, null, 2));
	const deps = (installedJson.dependencies ?? {}) as Record<string, string>;
	if (Object.keys(deps).length > 0) {
		const res = spawnSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: target, encoding: 'utf8', env: cleanChildEnv() },
		);
		if (res.status !== 0)
			throw new Error(`npm install of the package's dependencies failed:\n${res.stderr}`);
	}

	// n8n-workflow -> n8n's own copy
	const n8nWorkflow = path.join(runtime.n8nDir, 'node_modules', 'n8n-workflow');
	const link = path.join(modulesDir, 'n8n-workflow');
	try {
		if (lstatSync(link)) rmSync(link, { recursive: true, force: true });
	} catch {
		// absent
	}
	symlinkSync(n8nWorkflow, link, 'dir');
	const resolved = realpathSync(createRequire(installedJsonPath).resolve('n8n-workflow'));
	if (!resolved.startsWith(realpathSync(n8nWorkflow) + path.sep)) {
		throw new Error(
			`n8n-workflow resolves to ${resolved} from the installed package, not to n8n's copy`,
		);
	}

	// nodes/package.json, as n8n keeps it
	const nodesPackageJson = path.join(nodesDir, 'package.json');
	let manifest: { name: string; private: boolean; dependencies: Record<string, string> } = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	try {
		manifest = {
			...manifest,
			...(JSON.parse(readFileSync(nodesPackageJson, 'utf8')) as typeof manifest),
		};
	} catch {
		// first install
	}
	manifest.dependencies = { ...(manifest.dependencies ?? {}), [pkg.name]: pkg.version };
	writeFileSync(nodesPackageJson, JSON.stringify(manifest, null, 2));
	opts.log?.(`Installed ${pkg.name}@${pkg.version} into ${target}`);
	return { name: pkg.name, version: pkg.version, dir: target };
}
