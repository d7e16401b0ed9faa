// Histogram wording and evidence: what the buckets say for sure (a p99 "≤ 10 s", not an interpolated
// 9.9 s), cited at the bucket sample's line in the scrape.
import type { HistogramBucket, HistogramSeries } from '../../correlate/index.ts';
import type { Evidence } from '../types.ts';

/** `10 s`, `2.5 s`, `0.25 s`. */
export function secs(n: number): string {
  return `${Number(n.toPrecision(3))} s`;
}

/** `5–10 s`, or `over 10 s` for the +Inf bucket. */
export function bucketRange(b: { lower: number; upper: number }): string {
  return b.upper === Number.POSITIVE_INFINITY ? `over ${secs(b.lower)}` : `${Number(b.lower.toPrecision(3))}–${secs(b.upper)}`;
}

/** The `le` label as the exposition writes it. */
function leText(le: number): string {
  return le === Number.POSITIVE_INFINITY ? '+Inf' : String(le);
}

/** Observations per bucket (not cumulative): the count in (previous le, le]. */
export function inBucket(buckets: readonly HistogramBucket[], le: number): number {
  const i = buckets.findIndex((b) => b.le === le);
  if (i < 0) return 0;
  return buckets[i]!.count - (i > 0 ? buckets[i - 1]!.count : 0);
}

/**
 * Where the observations lie: the highest bound nothing was at or below (`lower`, 0 when the first
 * bucket has some), and the lowest bound everything was at or below (`upper`).
 */
export function spread(buckets: readonly HistogramBucket[]): { lower: HistogramBucket | null; upper: HistogramBucket | null; total: number } {
  const total = buckets[buckets.length - 1]?.count ?? 0;
  let lower: HistogramBucket | null = null;
  for (const b of buckets) if (b.count === 0) lower = b;
  const upper = buckets.find((b) => b.count >= total && total > 0) ?? null;
  return { lower, upper, total };
}

/**
 * A bucket sample as evidence at its line: `name_bucket{…,le="10"} 14186 → 14226: <note>`, with the
 * metric values so reports list it.
 */
export function bucketEvidence(s: HistogramSeries, b: HistogramBucket, note: string, window: { from: number | null; to: number | null }): Evidence {
  const labels = { ...s.labels, le: leText(b.le) };
  const text = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const span = window.from != null && window.to != null ? (window.to - window.from) / 1000 : null;
  return {
    kind: 'metric', file: b.file, line: b.line, time: window.to != null ? new Date(window.to).toISOString() : undefined,
    excerpt: `${s.name}_bucket{${text}} ${b.before != null ? `${b.before} → ` : ''}${b.after}: ${note}`,
    metric: { name: `${s.name}_bucket`, labels, before: b.before, after: b.after, delta: b.before != null ? b.after - b.before : null, windowSeconds: span },
  };
}
