/**
 * Every write of a credential in a queue-mode n8n, as PostgreSQL saw it: a trigger on
 * credentials_entity copies each new `data` into an audit table, which the test decrypts with the
 * cluster's encryption key and checks for stale writes (a token older than one already written).
 */
import { createDecipheriv, createHash } from 'node:crypto';

import type { Postgres } from '../../scripts/services/postgres.mts';

const DATABASE = 'n8n';

/** Starts recording every INSERT and UPDATE of credentials_entity (n8n must have created its tables). */
export function recordCredentialWrites(postgres: Postgres): void {
	postgres.sql(
		DATABASE,
		`create table credential_writes (seq bigserial primary key, credential_id text not null, data text not null, at timestamptz not null default clock_timestamp());
		create function record_credential_write() returns trigger language plpgsql as $$
		begin
			insert into credential_writes (credential_id, data) values (new.id, new.data);
			return new;
		end $$;
		create trigger credential_writes after insert or update on credentials_entity
			for each row execute function record_credential_write();`,
	);
}

/**
 * n8n's AES-256-CBC, CryptoJS-compatible: base64 of "Salted__", an 8-byte salt and the ciphertext,
 * key and IV from OpenSSL's EVP_BytesToKey (MD5, one round) over the encryption key and the salt.
 */
export function decryptCredentialData(data: string, encryptionKey: string): Record<string, unknown> {
	if (data.includes(':')) throw new Error('credential data carries a key id prefix: not the instance key');
	const input = Buffer.from(data, 'base64');
	if (input.subarray(0, 8).toString('latin1') !== 'Salted__') throw new Error('credential data has no Salted__ header');
	const password = Buffer.concat([Buffer.from(encryptionKey, 'binary'), input.subarray(8, 16)]);
	const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest();
	const first = md5(password);
	const second = md5(first, password);
	const iv = md5(second, password);
	const decipher = createDecipheriv('aes-256-cbc', Buffer.concat([first, second]), iv);
	const text = Buffer.concat([decipher.update(input.subarray(16)), decipher.final()]).toString('utf8');
	return JSON.parse(text) as Record<string, unknown>;
}

export interface CredentialWrite {
	seq: number;
	data: Record<string, unknown>;
}

export function credentialWrites(postgres: Postgres, credentialId: string, encryptionKey: string): CredentialWrite[] {
	const out = postgres.sql(
		DATABASE,
		`select seq, data from credential_writes where credential_id = '${credentialId.replace(/'/g, '')}' order by seq`,
	);
	return out
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const [seq, data] = line.split('|');
			return { seq: Number(seq), data: decryptCredentialData(data, encryptionKey) };
		});
}

const tokenOf = (write: CredentialWrite) => String(write.data.longLivedToken ?? '');

/**
 * Writes that put back an older state: no token after a token was written, a token issued before
 * one already written, or a token that a later one had already replaced in an earlier write.
 */
export function staleWrites(writes: CredentialWrite[]): string[] {
	const stale: string[] = [];
	const replaced = new Set<string>();
	let current = '';
	let newestIssuedAt = -Infinity;
	for (const write of writes) {
		const token = tokenOf(write);
		const issuedAt = Date.parse(String(write.data.tokenIssuedAt ?? ''));
		if (!token) {
			if (current) stale.push(`write ${write.seq}: no token after one was stored`);
			continue;
		}
		if (replaced.has(token) || issuedAt < newestIssuedAt) {
			stale.push(`write ${write.seq}: ${replaced.has(token) ? 'a token already replaced' : 'a token issued before the stored one'}`);
			continue;
		}
		if (current && token !== current) replaced.add(current);
		current = token;
		newestIssuedAt = Math.max(newestIssuedAt, issuedAt);
	}
	return stale;
}

/** The credential's data as stored now. */
export function storedCredential(postgres: Postgres, credentialId: string, encryptionKey: string): Record<string, unknown> {
	const data = postgres.sql(DATABASE, `select data from credentials_entity where id = '${credentialId.replace(/'/g, '')}'`).trim();
	return decryptCredentialData(data, encryptionKey);
}

/** The distinct tokens of the writes, in the order they were first written. */
export function writtenTokens(writes: CredentialWrite[]): string[] {
	return [...new Set(writes.map(tokenOf).filter(Boolean))];
}
