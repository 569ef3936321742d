/**
 * Simulated time for benchmarks: the sandbox's manual clock moves with real time only while a
 * request is on the wire (so network latency counts), and jumps straight to the next wake-up when
 * every task is asleep (so five minutes of processing take a fraction of a second).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

import type { Sandbox } from '../../sandbox/index.mts';

interface Sleeper {
	at: number;
	wake: () => void;
}

export class SimulatedTime {
	private sleepers: Sleeper[] = [];
	private inFlight = 0;
	private flightStart = 0;
	private settleTimer: NodeJS.Timeout | undefined;

	/** Real milliseconds of quiet (no request, no new sleep) before time jumps ahead. */
	constructor(
		private readonly sandbox: Sandbox,
		private readonly settleMs = 15,
	) {}

	now = (): number => this.sandbox.clock.now();

	sleep = (ms: number): Promise<void> =>
		new Promise<void>((wake) => {
			this.sleepers.push({ at: this.now() + Math.max(0, ms), wake });
			this.poke();
		});

	requestStarted(): void {
		if (this.inFlight++ === 0) this.flightStart = performance.now();
		this.poke();
	}

	requestEnded(): void {
		if (--this.inFlight === 0)
			this.sandbox.clock.advance(Math.round(performance.now() - this.flightStart));
		this.poke();
	}

	private poke(): void {
		clearTimeout(this.settleTimer);
		this.settleTimer = setTimeout(() => this.step(), this.settleMs);
	}

	private step(): void {
		if (this.inFlight > 0 || this.sleepers.length === 0) return;
		this.sleepers.sort((a, b) => a.at - b.at);
		const next = this.sleepers[0].at;
		if (next > this.now()) this.sandbox.clock.advance(next - this.now());
		const due = this.sleepers.filter((sleeper) => sleeper.at <= this.now());
		this.sleepers = this.sleepers.filter((sleeper) => sleeper.at > this.now());
		for (const sleeper of due) sleeper.wake();
	}
}

export interface TimedProxy {
	url: string;
	/** Where requests go; set once the sandbox is up. */
	target: string;
	close(): Promise<void>;
}

/** A pass-through HTTP proxy that tells the simulated time when requests are on the wire. */
export async function startTimedProxy(time: { current?: SimulatedTime }): Promise<TimedProxy> {
	const proxy: TimedProxy = { url: '', target: '', close: async () => {} };
	const server = http.createServer((req, res) => {
		const target = new URL(proxy.target);
		let ended = false;
		const done = () => {
			if (ended) return;
			ended = true;
			time.current?.requestEnded();
		};
		time.current?.requestStarted();
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
				answer.on('end', done);
				answer.on('error', done);
			},
		);
		upstream.on('error', () => {
			res.destroy();
			done();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	proxy.close = () =>
		new Promise<void>((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		});
	return proxy;
}
