// Parses --since/--until values: RFC 3339 times or durations like 30m / 2h / 1d (before the bundle's end).
import { ForensicError } from '../ingest/index.ts';
import type { TimeBound } from '../correlate/index.ts';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parse a time bound, or throw a usage error naming the option. */
export function parseTimeBound(option: string, value: string): TimeBound {
  const rel = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (rel) return { beforeEndMs: Number(rel[1]) * UNITS[rel[2]!]! };
  // Date.parse accepts much more than RFC 3339; require the date part to look like one.
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())) {
    const at = Date.parse(value.trim().replace(' ', 'T'));
    if (!Number.isNaN(at)) return { at };
  }
  throw new ForensicError('usage', `${option} ${JSON.stringify(value)}: expected an RFC 3339 time (2026-10-03T09:15:00Z) or a duration before the bundle's end (30m, 2h, 1d)`);
}
