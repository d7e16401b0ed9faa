// Prometheus-style histogram_quantile over cumulative buckets (linear interpolation inside a bucket).

/** One cumulative bucket: `count` observations were ≤ `le`. */
export interface Bucket { le: number; count: number }

/** The bucket the q-quantile's rank falls in, and the rank; null when there are no observations. */
function rankBucket(q: number, buckets: readonly Bucket[]): { i: number; rank: number } | null {
  if (buckets.length === 0) return null;
  const total = buckets[buckets.length - 1]!.count;
  if (!(total > 0)) return null;
  const rank = q * total;
  let i = 0;
  while (i < buckets.length - 1 && buckets[i]!.count < rank) i++;
  return { i, rank };
}

/**
 * The q-quantile of cumulative buckets sorted by `le`, as Prometheus estimates it: find the bucket the
 * rank falls in and interpolate linearly between its bounds (the first bucket starts at 0). A rank in
 * the +Inf bucket returns the highest finite bound. Null when there are no observations.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | null {
  const at = rankBucket(q, buckets);
  if (!at) return null;
  const { i, rank } = at;
  const b = buckets[i]!;
  if (b.le === Number.POSITIVE_INFINITY) return i > 0 ? buckets[i - 1]!.le : null;
  const lower = i === 0 ? (b.le > 0 ? 0 : b.le) : buckets[i - 1]!.le;
  const below = i === 0 ? 0 : buckets[i - 1]!.count;
  const inBucket = b.count - below;
  if (inBucket <= 0) return lower;
  return lower + (b.le - lower) * ((rank - below) / inBucket);
}

/**
 * Bounds of the bucket the q-quantile's rank falls in: all the buckets can say for sure (a p99 "in
 * (5, 10]" is ≤ 10 s; an interpolated 9.9 s is a guess). `upper` is Infinity for the +Inf bucket.
 */
export function quantileBucket(q: number, buckets: readonly Bucket[]): { lower: number; upper: number } | null {
  const at = rankBucket(q, buckets);
  if (!at) return null;
  return { lower: at.i === 0 ? 0 : buckets[at.i - 1]!.le, upper: buckets[at.i]!.le };
}
