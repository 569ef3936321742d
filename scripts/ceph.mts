/**
 * A real S3 server for the storage tests and the benchmark: Ceph's radosgw (Debian's packages,
 * installed on first use like faketime and chromium) on loopback, with 1 monitor and 1 in-memory
 * OSD in a temp dir, a user with known keys and one bucket. `startCeph()` returns its endpoint,
 * keys and bucket, and `stop()`; a start that fails stops what it started and keeps the logs.
 *
 *   node --import tsx scripts/ceph.mts          # start one, print its settings, Ctrl-C stops it
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { lastLines } from './n8n/child-process.mts';
import { getFreePort } from './n8n/ports.mts';
import { cephConf } from './ceph-conf.mts';
import { type DebianNeed, ensureDebian } from './services/debian.mts';

const BINARIES = ['/usr/bin/radosgw', '/usr/bin/ceph-mon', '/usr/bin/ceph-osd', '/usr/bin/radosgw-admin'];
const PACKAGES = ['radosgw', 'ceph-mon', 'ceph-osd'];

export const CEPH: DebianNeed = {
	packages: PACKAGES,
	files: BINARIES,
	why: 'for the storage tests; about a minute, +270 MB',
};

/** Installs Ceph's radosgw, monitor and OSD from Debian when missing (needs root). */
export function ensureCeph(log: (line: string) => void = () => {}): void {
	ensureDebian(CEPH, log);
}

export interface CephS3 {
	/** http://127.0.0.1:<port>, path-style. */
	endpoint: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
	bucket: string;
	/** Config, data and logs (log/). */
	dir: string;
	/**
	 * Every entry radosgw has for the bucket: objects, and the parts and metadata of unfinished
	 * multipart uploads (`_multipart_<key>.<upload id>.<part>`, `multipart: true`).
	 */
	listBucket(): Array<{ name: string; size: number; multipart: boolean }>;
	/** Runs radosgw-admin with this cluster's config; returns its stdout. */
	admin(args: string[]): string;
	/** Frees the memory of deleted objects now (radosgw's garbage collection), before writing more. */
	collectGarbage(): void;
	stop(): Promise<void>;
}

export interface StartCephOptions {
	log?: (line: string) => void;
	bucket?: string;
	/** Keep the temp dir after stop() (it is always kept when the start fails). */
	keepDir?: boolean;
}

class StartError extends Error {}

/** Starts a throwaway Ceph cluster with radosgw; about 15 s. */
export async function startCeph(options: StartCephOptions = {}): Promise<CephS3> {
	const log = options.log ?? (() => {});
	ensureCeph(log);
	const dir = mkdtempSync(path.join(tmpdir(), 'threads-ceph-'));
	for (const sub of ['mon', 'osd', 'rgw', 'run', 'log']) mkdirSync(path.join(dir, sub));
	const conf = path.join(dir, 'ceph.conf');
	const [monPort, rgwPort] = [await getFreePort(), await getFreePort()];
	writeFileSync(conf, cephConf({ dir, fsid: randomUUID(), monPort, rgwPort }));
	const daemons: ChildProcess[] = [];
	const started = Date.now();

	const run = (command: string, args: string[], what: string, input?: string, timeoutMs = 30_000): string => {
		const result = spawnSync(command, ['-c', conf, ...args], { encoding: 'utf8', input, timeout: timeoutMs });
		if (result.status !== 0) {
			const why = result.error?.message ?? (result.signal ? `killed by ${result.signal} after ${timeoutMs / 1000} s` : `exit ${result.status}`);
			throw new StartError(`${what} failed (${why}):\n${lastLines(`${result.stdout}\n${result.stderr}`, 15)}`);
		}
		return result.stdout;
	};
	const daemon = (command: string, args: string[], name: string) => {
		const out = openSync(path.join(dir, 'log', `${name}.out`), 'a');
		const child = spawn(command, ['-f', '-c', conf, ...args], { stdio: ['ignore', out, out] });
		daemons.push(child);
		return child;
	};
	const waitFor = async (what: string, logName: string, timeoutMs: number, ready: () => boolean | Promise<boolean>) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const dead = daemons.find((child) => child.exitCode !== null || child.signalCode !== null);
			if (dead) throw new StartError(`${what}: ${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode})`);
			if (await ready()) return;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		const logFile = path.join(dir, 'log', logName);
		const tail = existsSync(logFile) ? lastLines(readFileSync(logFile, 'utf8'), 15) : '(no log)';
		throw new StartError(`${what} not ready after ${timeoutMs / 1000} s; end of ${logFile}:\n${tail}`);
	};
	const ceph = (args: string[]) =>
		spawnSync('ceph', ['-c', conf, '--connect-timeout', '5', ...args], { encoding: 'utf8', timeout: 10_000 });
	const accessKeyId = `TEST${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
	const secretAccessKey = randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '').slice(0, 8);
	const bucket = options.bucket ?? 'threads-media-test';
	const endpoint = `http://127.0.0.1:${rgwPort}`;

	const stopDaemons = async () => {
		// radosgw first, the monitor last; the in-memory OSD has nothing worth a clean shutdown.
		for (const child of [...daemons].reverse()) {
			if (child.exitCode !== null || child.signalCode !== null) continue;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill(child.spawnfile === 'ceph-osd' ? 'SIGKILL' : 'SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
	};
	// The daemons must not outlive this process, however it ends: on exit, and on a signal (then
	// re-raised, so the process still ends the way it was asked to).
	const killDaemons = () => daemons.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
	const onSignal = (signal: NodeJS.Signals) => {
		killDaemons();
		unwatch();
		if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
		process.kill(process.pid, signal);
	};
	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	const unwatch = () => {
		process.removeListener('exit', killDaemons);
		for (const signal of signals) process.removeListener(signal, onSignal);
	};
	process.once('exit', killDaemons);
	for (const signal of signals) process.once(signal, onSignal);

	try {
		log(`starting Ceph (1 monitor, 1 in-memory OSD, radosgw on ${endpoint}) in ${dir}`);
		const monKeyring = path.join(dir, 'mon.keyring');
		run('ceph-authtool', ['--create-keyring', monKeyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *'], 'creating the monitor key');
		run(
			'ceph-authtool',
			['--create-keyring', path.join(dir, 'admin.keyring'), '--gen-key', '-n', 'client.admin', '--cap', 'mon', 'allow *', '--cap', 'osd', 'allow *', '--cap', 'mgr', 'allow *'],
			'creating the admin key',
		);
		run('ceph-authtool', [monKeyring, '--import-keyring', path.join(dir, 'admin.keyring')], 'importing the admin key');
		const fsid = /fsid = (\S+)/.exec(readFileSync(conf, 'utf8'))?.[1] ?? '';
		run('monmaptool', ['--create', '--addv', 'a', `[v1:127.0.0.1:${monPort}]`, '--fsid', fsid, path.join(dir, 'monmap')], 'creating the monitor map');
		run('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', path.join(dir, 'monmap'), '--keyring', monKeyring], 'creating the monitor store');
		daemon('ceph-mon', ['-i', 'a'], 'mon');
		await waitFor('Ceph monitor', 'mon.a.log', 30_000, () => ceph(['mon', 'stat']).status === 0);

		const osdUuid = randomUUID();
		const osdKeyring = path.join(dir, 'osd', 'keyring');
		run('ceph-authtool', ['--create-keyring', osdKeyring, '--gen-key', '-n', 'osd.0'], 'creating the OSD key');
		const osdSecret = run('ceph-authtool', ['-p', '-n', 'osd.0', osdKeyring], 'reading the OSD key').trim();
		run('ceph', ['osd', 'new', osdUuid, '-i', '-'], 'registering the OSD', JSON.stringify({ cephx_secret: osdSecret }));
		run('ceph-osd', ['-i', '0', '--mkfs', '--osd-uuid', osdUuid, '--no-mon-config'], 'creating the OSD store');
		daemon('ceph-osd', ['-i', '0'], 'osd');
		await waitFor('Ceph OSD', 'osd.0.log', 60_000, () => /"num_up_osds":\s*1/.test(ceph(['osd', 'stat', '-f', 'json']).stdout ?? ''));

		run('ceph', ['auth', 'get-or-create', 'client.rgw.a', 'mon', 'allow rw', 'osd', 'allow rwx', '-o', path.join(dir, 'rgw.keyring')], 'creating the radosgw key');
		daemon('radosgw', ['-n', 'client.rgw.a'], 'rgw');
		await waitFor('radosgw', 'client.rgw.a.log', 60_000, async () => {
			const answer = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
			return answer?.status === 200;
		});
		const admin = (args: string[]) => run('radosgw-admin', ['-n', 'client.admin', ...args], `radosgw-admin ${args[0]} ${args[1] ?? ''}`);
		admin(['user', 'create', '--uid', 'threads-test', '--display-name', 'Threads tests', '--access-key', accessKeyId, '--secret', secretAccessKey]);
		const created = spawnSync(
			'curl',
			['-sS', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '--aws-sigv4', 'aws:amz:us-east-1:s3', '--user', `${accessKeyId}:${secretAccessKey}`, '-H', 'x-amz-content-sha256: UNSIGNED-PAYLOAD', `${endpoint}/${bucket}`],
			{ encoding: 'utf8', timeout: 30_000 },
		);
		if (created.stdout !== '200') throw new StartError(`creating bucket ${bucket} failed: HTTP ${created.stdout} ${created.stderr}`);
		log(`Ceph ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

		return {
			endpoint,
			region: 'us-east-1',
			accessKeyId,
			secretAccessKey,
			bucket,
			dir,
			admin,
			collectGarbage: () => void admin(['gc', 'process', '--include-all']),
			listBucket: () => {
				const entries = JSON.parse(admin(['bucket', 'list', `--bucket=${bucket}`, '--allow-unordered', '--max-entries=100000'])) as Array<{
					name: string;
					meta?: { size?: number };
					ns?: string;
				}>;
				return entries.map((entry) => ({
					name: entry.name,
					size: entry.meta?.size ?? 0,
					multipart: entry.ns === 'multipart' || entry.name.startsWith('_multipart_'),
				}));
			},
			stop: async () => {
				await stopDaemons();
				unwatch();
				if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
			},
		};
	} catch (error) {
		await stopDaemons();
		unwatch();
		const message = error instanceof StartError ? error.message : String((error as Error)?.stack ?? error);
		throw new Error(`Ceph did not start: ${message}\n(config and logs kept in ${dir})`);
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const s3 = await startCeph({ log: (line) => console.log(line) });
	console.log(JSON.stringify({ endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true }, null, 2));
	console.log('Ctrl-C stops it and deletes its data');
	await new Promise(() => {});
}
