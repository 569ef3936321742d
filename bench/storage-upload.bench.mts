/**
 * Uploading media from a file stream to a real S3 server (Ceph radosgw on loopback) through the
 * storage layer in n8n's engine, beside curl uploading the same file to the same bucket. For 10 MB,
 * 200 MB and 1 GB files: time, throughput and the peak RSS above idle of this process (sampled every
 * 50 ms), and the objects left in the bucket. Printed and written to bench/results/storage-upload.json,
 * never asserted. Needs dist/ (npm run build). THREADS_BENCH_STORAGE_SIZES=10,200 picks sizes in MB.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, mkdirSync, mkdtempSync, openSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

import { startCeph, type CephS3 } from '../scripts/ceph.mts';
import { builtStorage, inN8n, STORAGE_CREDENTIAL_TYPE, storageCredentialStore } from '../test/helpers/storage-rig.mts';

const MB = 1_000_000;
const SIZES_MB = (process.env.THREADS_BENCH_STORAGE_SIZES ?? '10,200,1000').split(',').map(Number);

interface Row {
	sizeMb: number;
	how: string;
	seconds: number;
	mbPerSecond: number;
	/** Peak RSS of this process above its RSS just before the upload, MB; not measured for curl. */
	peakRssAboveIdleMb?: number;
	/** This process's RSS just before the upload (after a full GC) and its peak during it, MB. */
	idleRssMb?: number;
	peakRssMb?: number;
	/** CPU time (user + system) of the uploading process. */
	cpuSeconds: number;
	/** Objects in the bucket right after this upload, and after deleting it. */
	objectsAfterUpload?: number;
	objectsAfterDelete?: number;
	parts?: number;
}

function writeRandomFile(file: string, size: number): void {
	const fd = openSync(file, 'w');
	const block = randomBytes(MB);
	for (let written = 0; written < size; written += MB) {
		// A fresh first 16 bytes per block: no two blocks alike, without generating every byte.
		randomBytes(16).copy(block);
		writeSync(fd, block, 0, Math.min(MB, size - written));
	}
	closeSync(fd);
}

// A full garbage collection before each measure, so "idle" is not the previous run's garbage.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Samples this process's RSS every 50 ms while `run` runs; returns its result and the peak above the start. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<{ value: T; peakAboveIdleMb: number; idleMb: number; peakMb: number }> {
	collectGarbage();
	const idle = process.memoryUsage().rss;
	let peak = idle;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 50);
	try {
		const value = await run();
		peak = Math.max(peak, process.memoryUsage().rss);
		return { value, peakAboveIdleMb: (peak - idle) / MB, idleMb: idle / MB, peakMb: peak / MB };
	} finally {
		clearInterval(timer);
	}
}

/** curl's wall time and CPU time (user + system, from bash's `time`). */
function curlUpload(ceph: CephS3, file: string, key: string, sizeMb: number): { seconds: number; cpuSeconds: number } {
	const started = performance.now();
	const args = [
		'-sS', '-o', '/dev/null', '-w', '%{http_code}', '--aws-sigv4', 'aws:amz:us-east-1:s3', '--user', `${ceph.accessKeyId}:${ceph.secretAccessKey}`,
		// curl 7.88 does not send x-amz-content-sha256, which S3 and radosgw require.
		'-H', 'x-amz-content-sha256: UNSIGNED-PAYLOAD', '--max-time', String(Math.max(120, sizeMb)), '-T', file, `${ceph.endpoint}/${ceph.bucket}/${key}`,
	];
	const result = spawnSync('bash', ['-c', 'TIMEFORMAT="%U %S"; time curl "$@"', 'curl', ...args], {
		encoding: 'utf8',
		timeout: Math.max(120_000, sizeMb * 1000) + 30_000,
	});
	const seconds = (performance.now() - started) / 1000;
	if (result.stdout !== '200') throw new Error(`curl upload failed after ${seconds.toFixed(0)} s: HTTP ${result.stdout} ${result.stderr}`);
	const [user, system] = (result.stderr.trim().split('\n').pop() ?? '0 0').split(' ').map(Number);
	return { seconds, cpuSeconds: user + system };
}

function curlDelete(ceph: CephS3, key: string): void {
	spawnSync('curl', ['-sS', '--max-time', '60', '-X', 'DELETE', '--aws-sigv4', 'aws:amz:us-east-1:s3', '--user', `${ceph.accessKeyId}:${ceph.secretAccessKey}`, '-H', 'x-amz-content-sha256: UNSIGNED-PAYLOAD', `${ceph.endpoint}/${ceph.bucket}/${key}`]);
}

/** Uploads `file` through the storage layer in n8n's engine; returns the row and the object's key. */
async function nodeUpload(
	context: { store: ReturnType<typeof storageCredentialStore>; storage: ReturnType<typeof builtStorage> },
	file: string,
	sizeMb: number,
	concurrency: number,
): Promise<{ row: Row; key: string }> {
	const size = sizeMb * MB;
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const { value: result, peakAboveIdleMb, idleMb, peakMb } = await withPeakRss(
		async () =>
			await inN8n(context.store, 'bench', async (n8n) => {
				const settings = await context.storage.readStorageSettings(n8n);
				const media = { stream: createReadStream(file), size, contentType: 'video/mp4', fileName: path.basename(file) };
				return { ...(await context.storage.uploadMedia(n8n, settings, media, { concurrency })) };
			}),
	);
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	if (result.error || !result.json) throw new Error(`upload failed: ${result.error?.message} ${result.error?.description ?? ''}`);
	const row: Row = {
		sizeMb,
		how: `node, multipart, ${concurrency} part(s) in flight`,
		seconds,
		mbPerSecond: sizeMb / seconds,
		peakRssAboveIdleMb: peakAboveIdleMb,
		idleRssMb: idleMb,
		peakRssMb: peakMb,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		parts: Number(result.json.parts),
	};
	return { row, key: String(result.json.key) };
}

function printRow(row: Row): void {
	const rss =
		row.peakRssAboveIdleMb === undefined
			? '-'
			: `${row.peakRssAboveIdleMb.toFixed(0)} MB (${row.idleRssMb?.toFixed(0)} -> ${row.peakRssMb?.toFixed(0)})`;
	console.log(
		[
			`${row.sizeMb} MB`.padEnd(8),
			row.how.padEnd(44),
			`${row.seconds.toFixed(2)} s`.padStart(8),
			row.mbPerSecond.toFixed(0).padStart(6),
			`${row.cpuSeconds.toFixed(2)} s`.padStart(10),
			rss.padStart(24),
			String(row.parts ?? '-').padStart(7),
			`   ${row.objectsAfterUpload} / ${row.objectsAfterDelete}`,
		].join(' '),
	);
}

export default async function storageUploadBench(): Promise<void> {
	const storage = builtStorage();
	const ceph = await startCeph({ log: (line) => console.log(line) });
	const work = mkdtempSync(path.join(tmpdir(), 'threads-bench-storage-'));
	const rows: Row[] = [];
	try {
		const store = storageCredentialStore();
		store.add({
			id: 'bench',
			name: 'bench',
			type: STORAGE_CREDENTIAL_TYPE,
			data: { endpoint: ceph.endpoint, region: ceph.region, bucket: ceph.bucket, accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey, forcePathStyle: true },
		});
		const deleteKeys = async (keys: string[]) => {
			const deleted = await inN8n(store, 'bench', async (n8n) => ({ ...(await storage.deleteMedia(n8n, await storage.readStorageSettings(n8n), keys)) }));
			if (deleted.error) throw new Error(`delete failed: ${deleted.error.message}`);
		};
		// Ceph's first writes create its data pools, n8n's first run loads its engine: not part of any figure.
		const warmUp = await inN8n(store, 'bench', async (n8n) => {
			const settings = await storage.readStorageSettings(n8n);
			return { ...(await storage.uploadMedia(n8n, settings, { buffer: randomBytes(12 * MB), size: 12 * MB, contentType: 'video/mp4' })) };
		});
		if (warmUp.error) throw new Error(`warm-up upload failed: ${warmUp.error.message}`);
		await deleteKeys([String(warmUp.json?.key)]);
		console.log('size     how                                          time     MB/s   CPU time   RSS peak above idle (MB)   parts   objects after upload / delete');
		for (const sizeMb of SIZES_MB) {
			const file = path.join(work, `media-${sizeMb}mb.mp4`);
			writeRandomFile(file, sizeMb * MB);
			// One object at a time: Ceph's in-memory OSD blocks writes, rather than failing, once full.
			for (const concurrency of [1, 2, 4]) {
				const { row, key } = await nodeUpload({ store, storage }, file, sizeMb, concurrency);
				row.objectsAfterUpload = ceph.listBucket().length;
				await deleteKeys([key]);
				row.objectsAfterDelete = ceph.listBucket().length;
				ceph.collectGarbage();
				rows.push(row);
				printRow(row);
			}
			const curlKey = `bench/curl-${sizeMb}mb.mp4`;
			const curl = curlUpload(ceph, file, curlKey, sizeMb);
			const objectsAfterUpload = ceph.listBucket().length;
			curlDelete(ceph, curlKey);
			ceph.collectGarbage();
			rows.push({
				sizeMb,
				how: 'curl -T (one PUT, unsigned payload)',
				seconds: curl.seconds,
				mbPerSecond: sizeMb / curl.seconds,
				cpuSeconds: curl.cpuSeconds,
				objectsAfterUpload,
				objectsAfterDelete: ceph.listBucket().length,
			});
			printRow(rows[rows.length - 1]);
			rmSync(file);
		}
	} finally {
		await ceph.stop();
		rmSync(work, { recursive: true, force: true });
	}

	const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
	console.log(`(${os.cpus().length} CPUs, load average ${load} at the end: other work on this machine slows both paths alike)`);
	const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(path.join(resultsDir, 'storage-upload.json'), `${JSON.stringify({ rows, loadAverage: os.loadavg() }, null, 2)}\n`);
}
