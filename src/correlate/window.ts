// The --since/--until window: absolute bounds filter as records arrive, relative ones at finish().
import type { TimeBound } from './correlator.ts';

/** A resolved window; records without a time are always inside (they cannot be placed outside). */
export interface Window {
  since: number | null;
  until: number | null;
}

/** Absolute bounds known before the stream starts (relative ones become null here). */
export function earlyWindow(since?: TimeBound, until?: TimeBound): Window {
  return {
    since: since && 'at' in since ? since.at : null,
    until: until && 'at' in until ? until.at : null,
  };
}

/** True when no bound is relative: the early window is then the final one, known before the first record. */
export function isKnownEarly(since?: TimeBound, until?: TimeBound): boolean {
  return !(since && 'beforeEndMs' in since) && !(until && 'beforeEndMs' in until);
}

/** Resolve both bounds, relative ones against the newest record time (or null when there is none). */
export function finalWindow(newest: number | null, since?: TimeBound, until?: TimeBound): Window {
  const resolve = (b?: TimeBound): number | null => {
    if (!b) return null;
    if ('at' in b) return b.at;
    return newest === null ? null : newest - b.beforeEndMs;
  };
  return { since: resolve(since), until: resolve(until) };
}

/** True when `ts` (epoch ms, NaN/null for none) lies in [since, until). */
export function inWindow(w: Window, ts: number | null): boolean {
  if (ts === null || Number.isNaN(ts)) return true;
  if (w.since !== null && ts < w.since) return false;
  if (w.until !== null && ts >= w.until) return false;
  return true;
}
