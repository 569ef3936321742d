/** A byte source: a Node Readable (what n8n's getBinaryStream returns) or any async iterable of chunks. */
export type ByteSource = AsyncIterable<Uint8Array>;

/**
 * Cuts a stream into parts of exactly `partSize` bytes (the last one shorter), holding at most one
 * part and one chunk in memory. The caller may keep a part while reading on, and hands it back with
 * `release()` once sent: reusing the same few buffers keeps n8n's process from collecting garbage
 * after every part.
 */
export class PartReader {
	private readonly iterator: AsyncIterator<Uint8Array>;

	/** Bytes of the last chunk not yet copied into a part. */
	private carry: Uint8Array | undefined;

	private done = false;

	private readonly free: Buffer[] = [];

	bytesRead = 0;

	constructor(
		source: ByteSource,
		private readonly partSize: number,
	) {
		this.iterator = source[Symbol.asyncIterator]();
	}

	/** The next part, or undefined at the end of the stream. */
	async next(): Promise<Buffer | undefined> {
		let part: Buffer | undefined;
		let filled = 0;
		while (filled < this.partSize) {
			let chunk = this.carry;
			this.carry = undefined;
			if (!chunk) {
				if (this.done) break;
				const step = await this.iterator.next();
				if (step.done) {
					this.done = true;
					break;
				}
				chunk = typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
				this.bytesRead += chunk.byteLength;
			}
			part ??= this.free.pop() ?? Buffer.allocUnsafe(this.partSize);
			const taken = Math.min(chunk.byteLength, this.partSize - filled);
			part.set(chunk.subarray(0, taken), filled);
			filled += taken;
			if (taken < chunk.byteLength) this.carry = chunk.subarray(taken);
		}
		if (!part || filled === 0) return undefined;
		return filled === this.partSize ? part : part.subarray(0, filled);
	}

	/** A part that is no longer used (its upload finished); its memory holds the next parts. */
	release(part: Buffer, keepAtMost: number): void {
		if (part.byteLength === this.partSize && this.free.length < keepAtMost) this.free.push(part);
	}

	/** Stops reading and releases the source (a Node stream is destroyed). */
	async close(): Promise<void> {
		this.done = true;
		this.carry = undefined;
		this.free.length = 0;
		await this.iterator.return?.();
	}
}
