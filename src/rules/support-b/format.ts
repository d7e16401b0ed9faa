// Small text helpers shared by the step 5–10 rules and `forensic token`: durations, times, lists.

/** A duration in seconds as a short human phrase: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function fmtDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(s / 3600);
  if (h < 48) {
    const rest = Math.round((s - h * 3600) / 60);
    return rest ? `${h} h ${rest} min` : `${h} h`;
  }
  const d = Math.floor(s / 86400);
  const rh = Math.round((s - d * 86400) / 3600);
  return rh ? `${d} d ${rh} h` : `${d} d`;
}

/** Epoch ms as RFC 3339 UTC without milliseconds, or `?` when unknown. */
export function fmtTime(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '?';
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Epoch ms as `HH:MM:SS` UTC (for "between 09:15 and 09:42"). */
export function fmtClock(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '?';
  return new Date(ms).toISOString().slice(11, 19);
}

/** "between 09:15:02 and 09:42:10" for a set of timestamps, "at 09:15:02" for one, "" for none. */
export function fmtSpan(times: readonly (number | null | undefined)[]): string {
  const known = times.filter((t): t is number => t != null && Number.isFinite(t));
  if (known.length === 0) return '';
  let lo = known[0]!;
  let hi = lo;
  for (const t of known) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  const [a, b] = [fmtClock(lo), fmtClock(hi)];
  return a === b ? `at ${a}` : `between ${a} and ${b}`;
}

/** `a, b and 3 more` — a short list for explanations. */
export function fmtList(items: readonly string[], max = 3): string {
  if (items.length === 0) return '';
  if (items.length <= max) return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `1 request` / `3 requests`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
