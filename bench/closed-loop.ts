import { percentile } from './harness/stats.js';

/** Figures of one closed-loop measurement. */
export interface LoopFigures {
  readonly runs: number;
  readonly inFlight: number;
  /** First trigger to last result read. */
  readonly elapsedMs: number;
  readonly runsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
}

/**
 * Runs `total` runs keeping `inFlight` of them in flight (a closed loop: a new run starts as
 * soon as one finishes), and reports throughput and latency. `runOnce` returns its own
 * trigger-to-result latency in ms.
 */
export async function closedLoop(
  total: number,
  inFlight: number,
  runOnce: () => Promise<number>,
): Promise<LoopFigures> {
  const latencies: number[] = [];
  let started = 0;
  const lane = async () => {
    while (started < total) {
      started++;
      latencies.push(await runOnce());
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
  const elapsedMs = performance.now() - t0;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    runs: total,
    inFlight,
    elapsedMs,
    runsPerSecond: (total * 1000) / elapsedMs,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    meanMs: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    maxMs: sorted[sorted.length - 1],
  };
}
