// The sandbox clock: 'manual' is frozen, 'real' follows wall time plus an offset.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSandbox } from '../../sandbox/index.mts';

test('manual clock moves only with advance() and set()', async () => {
	const sb = await startSandbox({ clock: 'manual', startTime: 1_750_000_000_000 });
	try {
		assert.equal(sb.clock.now(), 1_750_000_000_000);
		await new Promise((resolve) => setTimeout(resolve, 5));
		assert.equal(sb.clock.now(), 1_750_000_000_000);
		sb.clock.advance(1500);
		assert.equal(sb.clock.now(), 1_750_000_001_500);
		sb.clock.set(1_760_000_000_000);
		assert.equal(sb.clock.now(), 1_760_000_000_000);
	} finally {
		await sb.close();
	}
});

test('real clock runs from startTime and advance() adds an offset', async () => {
	const sb = await startSandbox({ startTime: 1_750_000_000_000 });
	try {
		const first = sb.clock.now();
		assert.ok(Math.abs(first - 1_750_000_000_000) < 1000);
		sb.clock.advance(60_000);
		assert.ok(sb.clock.now() - first >= 60_000);
		assert.match(sb.url, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.equal(sb.port, Number(new URL(sb.url).port));
	} finally {
		await sb.close();
	}
});
