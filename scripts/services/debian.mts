/**
 * Debian packages the tests need (Chromium, faketime, Ceph, Redis), installed on first use with
 * apt-get when this process is root; otherwise the error says which command to run once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

import { lastLines } from '../n8n/child-process.mts';

export interface DebianNeed {
	/** Debian package names. */
	packages: string[];
	/** Files that exist once the packages are installed. */
	files: string[];
	/** What they are for and roughly what the install costs, for the log line. */
	why: string;
	/** Whether to install recommended packages too (Chromium needs its fonts). */
	recommends?: boolean;
}

function aptGet(args: string[]) {
	return spawnSync('apt-get', args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

function install(packages: string[], recommends: boolean): void {
	// Another install (a parallel test phase, the prefetch) may hold dpkg's lock: wait for it.
	const args = ['-o', 'DPkg::Lock::Timeout=900', 'install', '-y', ...(recommends ? [] : ['--no-install-recommends']), ...packages];
	if (aptGet(args).status === 0) return;
	aptGet(['update']); // the package lists may be missing or stale on a fresh machine
	const second = aptGet(args);
	if (second.status !== 0) {
		throw new Error(`apt-get install ${packages.join(' ')} failed:\n${lastLines(second.stderr, 20)}`);
	}
}

export function isInstalled(need: DebianNeed): boolean {
	return need.files.every((file) => existsSync(file));
}

/** Installs the packages unless their files are there already (needs root). */
export function ensureDebian(need: DebianNeed, log: (line: string) => void = () => {}): void {
	if (isInstalled(need)) return;
	const command = `apt-get install -y ${need.recommends ? '' : '--no-install-recommends '}${need.packages.join(' ')}`;
	if (process.getuid?.() !== 0) throw new Error(`${need.why}: missing; run "sudo ${command}" once`);
	log(`installing Debian packages ${need.packages.join(' ')} (${need.why})`);
	install(need.packages, need.recommends ?? false);
	const missing = need.files.filter((file) => !existsSync(file));
	if (missing.length) throw new Error(`${need.packages.join(' ')} installed, but ${missing.join(', ')} is missing`);
}
