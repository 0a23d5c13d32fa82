/** Nearest-rank percentile of ascending `sorted` values (`q` in (0, 1]); NaN when there are none. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}

/** Median of any values. */
export function median(values: readonly number[]): number {
  return percentile(ascending(values), 0.5);
}

/** p50, p90, p99 and max of any values, rounded to whole units; null when there are none. */
export function percentiles(values: readonly number[]) {
  const sorted = ascending(values);
  if (sorted.length === 0) return { p50: null, p90: null, p99: null, max: null };
  const at = (q: number) => Math.round(percentile(sorted, q));
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(sorted[sorted.length - 1]) };
}

/** How often each value occurs. */
export function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of values) out[value] = (out[value] ?? 0) + 1;
  return out;
}

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}
