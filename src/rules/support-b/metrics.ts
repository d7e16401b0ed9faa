// Counter growth for the step 5–10 rules: deltas across snapshots, window length and peak rate.
import type { CounterSeries, Model } from '../../correlate/index.ts';

export interface Growth {
  series: CounterSeries[];
  /** Sum of reset-aware deltas across the matching series (0 with one snapshot). */
  delta: number;
  /** Sum of the latest values (the lifetime count). */
  last: number;
  /** Longest span covered by two or more snapshots, in seconds. */
  windowSeconds: number | null;
  /** Highest summed per-second rate over any one interval. */
  peakRate: number | null;
  /** True when at least one series was seen in two or more snapshots. */
  hasDelta: boolean;
}

/** Growth of a counter (all series matching `match`, filtered by `keep` on labels). */
export function growth(model: Model, name: string, match?: Record<string, string>, keep: (labels: Record<string, string>) => boolean = () => true): Growth {
  const series = model.metrics.counter(name, match).filter((s) => keep(s.labels));
  let delta = 0;
  let last = 0;
  let windowSeconds: number | null = null;
  let hasDelta = false;
  const rates = new Map<string, number>();
  for (const s of series) {
    delta += s.totalDelta;
    last += s.last;
    if (s.values.length > 1) hasDelta = true;
    const first = s.values[0]?.time;
    const end = s.values[s.values.length - 1]?.time;
    if (first != null && end != null && end > first) windowSeconds = Math.max(windowSeconds ?? 0, (end - first) / 1000);
    for (const iv of s.intervals) {
      if (iv.rate == null) continue;
      const key = `${s.instance}|${iv.from}|${iv.to}`;
      rates.set(key, (rates.get(key) ?? 0) + iv.rate);
    }
  }
  const peakRate = rates.size ? Math.max(...rates.values()) : null;
  return { series: series.filter((s) => s.totalDelta > 0 || s.last > 0), delta, last, windowSeconds, peakRate, hasDelta };
}

/** Series with growth, largest first (for evidence). */
export function growingSeries(g: Growth): CounterSeries[] {
  return g.series.filter((s) => s.totalDelta > 0).sort((a, b) => b.totalDelta - a.totalDelta);
}

/** `+37 in 45 min` / `+37` / `37 (lifetime)` for explanations. */
export function describeGrowth(g: Growth): string {
  if (!g.hasDelta) return `${g.last} (lifetime total in one snapshot)`;
  const w = g.windowSeconds;
  if (w == null) return `+${g.delta}`;
  return `+${g.delta} in ${w < 120 ? `${Math.round(w)} s` : `${Math.round(w / 60)} min`}`;
}

/** Series worth citing: those that grew, else (one snapshot) those with a non-zero value. */
export function seriesEvidence(g: Growth, max = 3): CounterSeries[] {
  const grown = growingSeries(g);
  return (grown.length ? grown : g.series.filter((s) => s.last > 0)).slice(0, max);
}
