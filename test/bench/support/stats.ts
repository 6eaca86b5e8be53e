/** Percentiles and formatting for the benchmarks' result lines. */

/** Nearest-rank percentile of `values` (p in 0..100); sorts a copy. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
}

export function summarize(latencies: readonly number[]): LatencySummary {
  return { samples: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Milliseconds with one decimal. */
export const ms = (v: number): string => v.toFixed(1);
