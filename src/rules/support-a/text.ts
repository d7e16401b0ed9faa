// Small formatting helpers shared by the step 0–4 rules: counts, times, ranges and confidence.

/** `1 request` / `37 requests`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** `09:15:02` style UTC time of an epoch, or `?` when unknown. */
export function hhmm(ts: number | null | undefined): string {
  if (ts == null || !Number.isFinite(ts)) return '?';
  return new Date(ts).toISOString().slice(11, 19);
}

/** `between 09:15:02 and 09:42:10` (or `at 09:15:02` for one time) over records with timestamps; empty when none have one. */
export function timeSpan(records: readonly { ts: number | null }[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of records) {
    if (r.ts == null) continue;
    if (r.ts < lo) lo = r.ts;
    if (r.ts > hi) hi = r.ts;
  }
  if (lo === Infinity) return '';
  return lo === hi ? `at ${hhmm(lo)}` : `between ${hhmm(lo)} and ${hhmm(hi)}`;
}

/** Earliest timestamp of the records, or null. */
export function earliest(records: readonly { ts: number | null }[]): number | null {
  let lo: number | null = null;
  for (const r of records) if (r.ts != null && (lo == null || r.ts < lo)) lo = r.ts;
  return lo;
}

/**
 * Confidence that grows with the number of occurrences: one occurrence is weak (`weak`),
 * `strongAt` or more is a pattern (`strong`), linear in between.
 */
export function patternConfidence(n: number, strongAt = 5, weak = 0.35, strong = 0.9): number {
  if (n <= 1) return weak;
  if (n >= strongAt) return strong;
  return Math.round((weak + ((strong - weak) * (n - 1)) / (strongAt - 1)) * 100) / 100;
}

/** Quote a value for an explanation, trimmed to a readable length. */
export function q(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
}

/** The sentence with its first letter upper-cased. */
export function cap(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export { traceIds } from '../support/log-text.ts';
