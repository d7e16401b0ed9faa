// How many log lines a set of retained records stands for. Past the retain limit an outage's repeated
// lines are sampled and each kept record stands for several lines (`LogIndex.weight`), so every count
// of log lines a user reads, and every threshold on one, goes through here instead of `.length`.
import type { Model } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';

/**
 * The log lines these retained records stand for: the rounded sum of their weights. Exact when the
 * records were selected by message, source or level; a close estimate when filtered further by attributes.
 */
export function lineCount(model: Model, records: readonly LogRecord[]): number {
  // Nothing sampled (every bundle under the retain limit): every weight is 1.
  if (model.logs.sampled.length === 0) return records.length;
  let n = 0;
  for (const r of records) n += model.logs.weight(r);
  return Math.round(n);
}

/** The log lines one retained record stands for (1 unless its message was sampled). */
export function lineWeight(model: Model, r: LogRecord): number {
  return model.logs.sampled.length === 0 ? 1 : model.logs.weight(r);
}

/**
 * Sum the weights per value (a client id, a reason …) and list the values most first, ties in
 * first-seen order, each total rounded; items without a value are left out.
 */
export function tallyWeighted(items: Iterable<readonly [string | undefined, number]>): [string, number][] {
  const m = new Map<string, number>();
  for (const [v, w] of items) if (v) m.set(v, (m.get(v) ?? 0) + w);
  return [...m.entries()].map(([v, n]): [string, number] => [v, Math.round(n)]).sort((a, b) => b[1] - a[1]);
}

/** Log lines per value of `key` over retained records (records without a value left out), most first. */
export function lineTally(model: Model, records: readonly LogRecord[], key: (r: LogRecord) => string | undefined): [string, number][] {
  return tallyWeighted(records.map((r) => [key(r), lineWeight(model, r)] as const));
}
