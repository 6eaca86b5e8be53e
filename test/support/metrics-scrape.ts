/**
 * Reads the hub's `GET /metrics` (Prometheus text format) the way Prometheus does: samples by name
 * and labels, histograms as cumulative buckets, and a quantile interpolated inside its bucket as
 * `histogram_quantile` does. The metrics test and the benchmarks read the hub's own figures with it.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface HistogramSnapshot {
  /** Cumulative counts by upper bound, ascending; the last bound is Infinity. */
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescape = (v: string): string => v.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));

const toNumber = (v: string): number => (v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v));

export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = unescape(l[2]!);
    samples.push({ name: m[1]!, labels, value: toNumber(m[3]!) });
  }
  return samples;
}

const matches = (s: Sample, name: string, labels: Record<string, string>): boolean =>
  s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v);

/** The sum of the samples of `name` carrying `labels` (undefined when there is none). */
export function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samples.filter((s) => matches(s, name, labels));
  return found.length === 0 ? undefined : found.reduce((a, s) => a + s.value, 0);
}

export function histogram(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): HistogramSnapshot {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    if (!matches(s, `${name}_bucket`, labels) || s.labels.le === undefined) continue;
    const le = toNumber(s.labels.le);
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  const buckets = [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
  return {
    buckets,
    count: sampleValue(samples, `${name}_count`, labels) ?? 0,
    sum: sampleValue(samples, `${name}_sum`, labels) ?? 0,
  };
}

/** What was observed between two scrapes of the same histogram. */
export function histogramSince(after: HistogramSnapshot, before: HistogramSnapshot): HistogramSnapshot {
  const earlier = new Map(before.buckets.map((b) => [b.le, b.count]));
  return {
    buckets: after.buckets.map((b) => ({ le: b.le, count: b.count - (earlier.get(b.le) ?? 0) })),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/**
 * The q-quantile (0..1) as Prometheus's histogram_quantile: linear inside the bucket that holds
 * it, so it is only as fine as the buckets; the highest finite bound when it falls in +Inf.
 */
export function histogramQuantile(h: HistogramSnapshot, q: number): number {
  const total = h.buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const b of h.buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return lowerBound;
      const inBucket = b.count - lowerCount;
      return inBucket === 0 ? b.le : lowerBound + ((b.le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    lowerBound = b.le;
    lowerCount = b.count;
  }
  return lowerBound;
}

/** One scrape of `GET /metrics` with the bearer token; throws on any status but 200. */
export async function scrapeMetrics(hubUrl: string, token: string): Promise<Sample[]> {
  const res = await fetch(`${hubUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${text.slice(0, 200)}`);
  return parseExposition(text);
}
