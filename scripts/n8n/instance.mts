/**
 * One n8n instance as the scripts run it: its options (user folder, ports, owner), where it keeps its
 * files, and the environment every n8n process of it (server and CLI) gets.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { cleanChildEnv } from './child-process.mts';
import type { Log, N8nRuntime } from './runtime.mts';

export interface Owner {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface N8nInstanceOptions {
	runtime: N8nRuntime;
	/** Becomes N8N_USER_FOLDER: n8n keeps everything in `<userFolder>/.n8n` (SQLite DB, key, nodes). */
	userFolder: string;
	/** HTTP port of `n8n start`. */
	port: number;
	/** Task-runner broker port of `n8n start` (default of n8n is 5679; give each instance its own). */
	runnerPort: number;
	/** Default 127.0.0.1. */
	listenAddress?: string;
	/** When given, n8n creates/updates this owner at start (N8N_INSTANCE_OWNER_MANAGED_BY_ENV). */
	owner?: Owner;
	/** n8n log level (default info). */
	logLevel?: 'error' | 'warn' | 'info' | 'debug';
	/** Extra environment variables for every n8n process. */
	env?: Record<string, string>;
	log?: Log;
}

/** `<userFolder>/.n8n`: the database, the encryption key and the installed community nodes. */
export function n8nFolder(userFolder: string): string {
	return path.join(userFolder, '.n8n');
}

/** File that receives the output of every n8n process of this user folder (server and CLI). */
export function n8nLogFile(userFolder: string): string {
	return path.join(userFolder, 'n8n.log');
}

/** bcrypt hash for N8N_INSTANCE_OWNER_PASSWORD_HASH, computed with n8n's own bcryptjs. */
export function hashPassword(runtime: N8nRuntime, password: string): string {
	const requireFromN8n = createRequire(
		path.join(runtime.n8nDir, 'node_modules', 'n8n', 'package.json'),
	);
	const bcrypt = requireFromN8n('bcryptjs') as { hashSync(pw: string, rounds: number): string };
	return bcrypt.hashSync(password, 10);
}

export function n8nEnv(
	opts: N8nInstanceOptions,
	overrides: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const env = cleanChildEnv();
	// Anything N8N_* from the caller's shell could point this instance at another DB/folder: drop it,
	// except what the caller passes explicitly through opts.env.
	for (const key of Object.keys(env))
		if (key.startsWith('N8N_') || key.startsWith('DB_')) delete env[key];
	Object.assign(env, {
		N8N_USER_FOLDER: opts.userFolder,
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: opts.listenAddress ?? '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(opts.runnerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		// offline machine: don't phone home
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// the sandbox listens on loopback
		N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8,::1/128',
		N8N_SECURE_COOKIE: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: opts.logLevel ?? 'info',
		NO_COLOR: '1',
	});
	if (opts.owner) {
		Object.assign(env, {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: opts.owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: opts.owner.firstName ?? 'Local',
			N8N_INSTANCE_OWNER_LAST_NAME: opts.owner.lastName ?? 'Developer',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: ownerPasswordHash(opts),
		});
	}
	Object.assign(env, opts.runtime.env, opts.env ?? {}, overrides);
	if (env.DB_TYPE === 'sqlite' && !opts.runtime.sqlite) {
		throw new Error(
			`n8n ${opts.runtime.version} is installed without sqlite3: give it PostgreSQL (DB_* variables in opts.env, see scripts/services/postgres.mts)`,
		);
	}
	return env;
}

const hashCache = new Map<string, string>();
function ownerPasswordHash(opts: N8nInstanceOptions): string {
	const password = opts.owner?.password ?? '';
	let hash = hashCache.get(password);
	if (!hash) {
		hash = hashPassword(opts.runtime, password);
		hashCache.set(password, hash);
	}
	return hash;
}
