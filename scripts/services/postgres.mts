/**
 * A throwaway PostgreSQL on loopback (Debian's PostgreSQL 15): a private cluster made with initdb in a
 * temp dir, trust authentication for user `postgres`, durability off (test data only), stopped with
 * the process that started it. As root, the server runs as the `postgres` user (initdb refuses root).
 *
 *   node --import tsx scripts/services/postgres.mts   # start one, print its port, Ctrl-C stops it
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { lastLines } from '../n8n/child-process.mts';
import { getFreePort } from '../n8n/ports.mts';
import { type DebianNeed, ensureDebian } from './debian.mts';
import { type Service, superviseChild } from './supervised.mts';

const BIN = '/usr/lib/postgresql/15/bin';

export const POSTGRES: DebianNeed = {
	packages: ['postgresql-15'],
	files: [`${BIN}/postgres`, `${BIN}/initdb`, '/usr/bin/psql'],
	why: "PostgreSQL for n8n's queue mode and the n8n 1.x tests; about 30 s",
};

export interface Postgres extends Service {
	host: string;
	port: number;
	user: string;
	/** Creates an empty database (n8n creates its tables at first start). */
	createDatabase(name: string): void;
	/** Runs one SQL statement in `database`; returns psql's unaligned, tuples-only output. */
	sql(database: string, statement: string): string;
	/** DB_* variables that point n8n at `database`. */
	n8nEnv(database: string): Record<string, string>;
}

/** argv prefix that runs a command as the postgres user when we are root. */
function asOwner(): string[] {
	return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
}

function run(argv: string[], what: string): string {
	const [command, ...args] = [...asOwner(), ...argv];
	const result = spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${what} failed:\n${lastLines(result.stderr + result.stdout, 20)}`);
	return result.stdout;
}

export async function startPostgres(
	opts: { port?: number; log?: (line: string) => void } = {},
): Promise<Postgres> {
	ensureDebian(POSTGRES, opts.log);
	const port = opts.port ?? (await getFreePort());
	const dir = mkdtempSync(path.join(tmpdir(), 'threads-postgres-'));
	const data = path.join(dir, 'data');
	mkdirSync(data);
	chmodSync(data, 0o700);
	if (process.getuid?.() === 0) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		chownSync(dir, uid, gid);
		chownSync(data, uid, gid);
	}
	run([`${BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], 'initdb');
	const [command, ...args] = [
		...asOwner(),
		`${BIN}/postgres`,
		'-D', data,
		'-p', String(port),
		'-k', dir,
		'-c', 'listen_addresses=127.0.0.1',
		'-c', 'fsync=off',
		'-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off',
		'-c', 'max_connections=200',
	];
	const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
	let stderr = '';
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
	// SIGINT is PostgreSQL's fast shutdown: it does not wait for n8n's connections to close.
	const service = superviseChild('postgres', child, () => rmSync(dir, { recursive: true, force: true }), 'SIGINT');
	const psql = (database: string, statement: string) =>
		run(['/usr/bin/psql', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', statement], `psql ${statement.slice(0, 60)}`);
	const deadline = Date.now() + 30_000;
	for (;;) {
		const ready = spawnSync(`${BIN}/pg_isready`, ['-h', '127.0.0.1', '-p', String(port)], { encoding: 'utf8' });
		if (ready.status === 0) break;
		if (!service.running || Date.now() > deadline) {
			await service.stop();
			throw new Error(`PostgreSQL did not start on port ${port}:\n${lastLines(stderr, 20)}`);
		}
		await sleep(100);
	}
	return Object.assign(service, {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		createDatabase: (name: string) => void psql('postgres', `CREATE DATABASE "${name.replace(/"/g, '')}"`),
		sql: psql,
		n8nEnv: (database: string) => ({
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		}),
	});
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const postgres = await startPostgres({ log: console.log });
	console.log(`PostgreSQL on ${postgres.host}:${postgres.port} (user postgres, trust); Ctrl-C stops it`);
	process.on('SIGINT', () => void postgres.stop().then(() => process.exit(0)));
}
