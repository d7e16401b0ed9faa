// Metric snapshots per server: counter deltas/rates between consecutive scrapes (reset-aware) and
// histogram p50/p99 per interval. Label aliases from the docs are normalised (reference §8 items 5–7).
import type { MetricSample, MetricSnapshot } from '../ingest/index.ts';
import { histogramQuantile, quantileBucket } from './quantile.ts';
import type { CounterInterval, CounterSeries, HistogramBucket, HistogramInterval, HistogramSeries, MetricIndex } from './model.ts';
import { inWindow, type Window } from './window.ts';

// The docs' label names apply to specific metrics only: other metrics have real labels of the same
// name (`authserver_revocation_failures_total{path="reuse"}`, `…upstream_token_refresh_total{outcome}`).
const HTTP_ALIASES: Record<string, string> = { method: 'http_method', path: 'http_route', status: 'http_status_code' };
const RESULT_ALIASES: Record<string, string> = { outcome: 'result' };
const DROP = /^otel_scope_/;

function aliasesFor(metric: string | undefined): Record<string, string> | undefined {
  if (!metric) return undefined;
  if (metric.startsWith('authserver_http_request')) return HTTP_ALIASES;
  if (/^authserver_(login_attempts|introspection)_total$|^authserver_(login_attempts|introspection)$/.test(metric)) return RESULT_ALIASES;
  return undefined;
}

/** Labels of `metric` with the docs' aliases renamed to the code's names, and exporter noise removed. */
export function normaliseLabels(labels: Record<string, string>, metric?: string): Record<string, string> {
  const aliases = aliasesFor(metric);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) {
    if (DROP.test(k)) continue;
    const name = aliases?.[k] ?? k;
    if (name !== k && k in out) continue;
    out[name] = v;
  }
  return out;
}

const labelKey = (l: Record<string, string>): string => Object.keys(l).sort().map((k) => `${k}=${l[k]}`).join(',');
const matches = (labels: Record<string, string>, match: Record<string, string> | undefined, metric: string): boolean =>
  !match || Object.entries(normaliseLabels(match, metric)).every(([k, v]) => labels[k] === v);
/** `foo`, `foo_total` and `foo_total` → `foo` all name the same counter. */
const counterNames = (name: string): Set<string> => new Set([name, `${name}_total`, name.replace(/_total$/, '')]);

interface Point { time: number | null; value: number; file: string; line: number }

function intervals(values: Point[]): CounterInterval[] {
  const out: CounterInterval[] = [];
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    const reset = b.value < a.value;
    const delta = reset ? b.value : b.value - a.value;
    const secs = a.time !== null && b.time !== null && b.time > a.time ? (b.time - a.time) / 1000 : null;
    out.push({ from: a.time, to: b.time, before: a.value, after: b.value, delta, rate: secs === null ? null : delta / secs, reset, fromFile: a.file, toFile: b.file });
  }
  return out;
}

interface HistPoint { time: number | null; file: string; buckets: { le: number; count: number; line: number }[]; count: number }

/** Snapshots of one server in scrape order (untimed ones keep their arrival order). */
function byInstance(snaps: MetricSnapshot[]): Map<string, MetricSnapshot[]> {
  const m = new Map<string, MetricSnapshot[]>();
  for (const s of snaps) {
    const l = m.get(s.instance);
    if (l) l.push(s);
    else m.set(s.instance, [s]);
  }
  for (const l of m.values()) if (l.every((s) => s.time !== null)) l.sort((a, b) => a.time! - b.time!);
  return m;
}

/** Build the MetricIndex from the snapshots inside the window. */
export function buildMetrics(all: readonly MetricSnapshot[], w: Window): MetricIndex {
  const snaps = all.filter((s) => inWindow(w, s.time));
  const groups = byInstance(snaps);
  const counters = new Map<string, CounterSeries>();
  const hists = new Map<string, { name: string; labels: Record<string, string>; instance: string; points: HistPoint[] }>();
  for (const [instance, list] of groups) {
    list.forEach((snap, k) => {
      const histThis = new Map<string, HistPoint>();
      for (const fam of snap.families) {
        const isHist = fam.type === 'histogram' || fam.type === 'gaugehistogram';
        for (const s of fam.samples) {
          if (isHist) addHistSample(histThis, hists, instance, fam.name, s, snap.file);
          else if (fam.type === 'counter' || (fam.type === 'unknown' && s.name.endsWith('_total'))) {
            if (s.name.endsWith('_created')) continue;
            const labels = normaliseLabels(s.labels, s.name);
            const key = `${instance}\u0000${s.name}\u0000${labelKey(labels)}`;
            let series = counters.get(key);
            if (!series) {
              series = { name: s.name, labels, instance, values: [], intervals: [], totalDelta: 0, last: s.value };
              // A labelled counter appears on its first increment: absent from an earlier scrape means 0 then.
              if (k > 0) series.values.push({ time: list[k - 1]!.time, value: 0, file: list[k - 1]!.file, line: 0 });
              counters.set(key, series);
            }
            series.values.push({ time: snap.time, value: s.value, file: snap.file, line: s.line });
          }
        }
      }
      for (const [key, p] of histThis) {
        p.time = snap.time;
        hists.get(key)!.points.push(p);
      }
    });
  }
  for (const s of counters.values()) {
    s.intervals = intervals(s.values);
    s.totalDelta = s.intervals.reduce((n, i) => n + i.delta, 0);
    s.last = s.values[s.values.length - 1]!.value;
  }
  const histSeries: HistogramSeries[] = [...hists.values()].map((h) => histSeriesOf(h));
  const counterList = [...counters.values()];
  return {
    snapshots: () => [...snaps],
    instances: () => [...groups.keys()],
    counter: (name, match) => {
      const names = counterNames(name);
      return counterList.filter((s) => names.has(s.name) && matches(s.labels, match, s.name));
    },
    latest(name, match) {
      const names = counterNames(name);
      const out: ReturnType<MetricIndex['latest']> = [];
      for (const [instance, list] of groups) {
        for (let k = list.length - 1; k >= 0; k--) {
          const snap = list[k]!;
          const found = snap.families.flatMap((f) => f.samples).filter((s) => names.has(s.name));
          if (found.length === 0) continue;
          for (const s of found) {
            const labels = normaliseLabels(s.labels, s.name);
            if (matches(labels, match, s.name)) out.push({ labels, value: s.value, instance, file: snap.file, line: s.line });
          }
          break;
        }
      }
      return out;
    },
    histogram: (name, match) => {
      const base = name.replace(/_(bucket|sum|count)$/, '');
      return histSeries.filter((h) => h.name === base && matches(h.labels, match, base));
    },
    allCounters: () => [...counterList].sort((a, b) => b.totalDelta - a.totalDelta),
    allHistograms: () => [...histSeries],
  };
}

type HistAcc = Map<string, { name: string; labels: Record<string, string>; instance: string; points: HistPoint[] }>;

function addHistSample(cur: Map<string, HistPoint>, acc: HistAcc, instance: string, family: string, s: MetricSample, file: string): void {
  const { le, ...rest } = s.labels;
  const labels = normaliseLabels(rest, family);
  const key = `${instance}\u0000${family}\u0000${labelKey(labels)}`;
  if (!acc.has(key)) acc.set(key, { name: family, labels, instance, points: [] });
  let p = cur.get(key);
  if (!p) cur.set(key, (p = { time: null, file, buckets: [], count: Number.NaN }));
  if (s.name.endsWith('_bucket') && le !== undefined) {
    const bound = le === '+Inf' || le === 'Inf' ? Number.POSITIVE_INFINITY : Number(le);
    if (!Number.isNaN(bound)) p.buckets.push({ le: bound, count: s.value, line: s.line });
  } else if (s.name.endsWith('_count')) p.count = s.value;
}

function histSeriesOf(h: { name: string; labels: Record<string, string>; instance: string; points: HistPoint[] }): HistogramSeries {
  for (const p of h.points) p.buckets.sort((a, b) => a.le - b.le);
  const total = (p: HistPoint): number => (Number.isNaN(p.count) ? p.buckets[p.buckets.length - 1]?.count ?? 0 : p.count);
  const ivs: HistogramInterval[] = [];
  for (let i = 1; i < h.points.length; i++) {
    const a = h.points[i - 1]!;
    const b = h.points[i]!;
    const before = new Map(a.buckets.map((x) => [x.le, x.count]));
    const reset = total(b) < total(a) || b.buckets.some((x) => x.count < (before.get(x.le) ?? 0));
    const delta: HistogramBucket[] = b.buckets.map((x) => ({
      le: x.le, count: reset ? x.count : x.count - (before.get(x.le) ?? 0), before: reset ? null : before.get(x.le) ?? 0, after: x.count, file: b.file, line: x.line,
    }));
    const count = reset ? total(b) : total(b) - total(a);
    ivs.push({ from: a.time, to: b.time, count, p50: histogramQuantile(0.5, delta), p99: histogramQuantile(0.99, delta), p99Bucket: quantileBucket(0.99, delta), buckets: delta });
  }
  const last = h.points[h.points.length - 1];
  const lastBuckets: HistogramBucket[] = last ? last.buckets.map((x) => ({ le: x.le, count: x.count, before: null, after: x.count, file: last.file, line: x.line })) : [];
  return {
    name: h.name, labels: h.labels, instance: h.instance, intervals: ivs,
    lifetime: last
      ? { count: total(last), p50: histogramQuantile(0.5, last.buckets), p99: histogramQuantile(0.99, last.buckets), p99Bucket: quantileBucket(0.99, last.buckets), buckets: lastBuckets }
      : { count: 0, p50: null, p99: null, p99Bucket: null, buckets: [] },
  };
}
