// Normalises the level spellings found in log lines (slog, Python, JUL, pino, syslog, OTel) to Level.
import type { Level } from '../../types.ts';

// slog's numeric scale: DEBUG=-4, INFO=0, WARN=4, ERROR=8. Other vocabularies are mapped onto it
// so that slog offsets such as `INFO+2` or `DEBUG-4` can be added before bucketing.
const BASE: ReadonlyMap<string, number> = new Map([
  ['trace', -8], ['finest', -8], ['finer', -8], ['fine', -4], ['verbose', -4], ['debug', -4], ['dbg', -4],
  ['info', 0], ['information', 0], ['informational', 0], ['notice', 0], ['config', 0], ['inf', 0],
  ['warn', 4], ['warning', 4], ['wrn', 4],
  ['error', 8], ['err', 8], ['severe', 8], ['critical', 8], ['crit', 8], ['alert', 8], ['emerg', 8],
  ['emergency', 8], ['fatal', 8], ['panic', 8], ['dpanic', 8],
]);

/** Buckets a number on slog's scale (DEBUG=-4 … ERROR=8) into a Level. */
export function slogLevel(n: number): Level {
  if (n >= 8) return 'ERROR';
  if (n >= 4) return 'WARN';
  if (n >= 0) return 'INFO';
  return 'DEBUG';
}

/** Maps a numeric level: pino/bunyan (10–60) or syslog severity (0–7). */
export function numericLevel(n: number): Level {
  if (n >= 10) return n >= 50 ? 'ERROR' : n >= 40 ? 'WARN' : n >= 30 ? 'INFO' : 'DEBUG';
  // syslog / journald PRIORITY: 0 emerg … 3 err, 4 warning, 5 notice, 6 info, 7 debug.
  return n <= 3 ? 'ERROR' : n === 4 ? 'WARN' : n <= 6 ? 'INFO' : 'DEBUG';
}

/** Normalises a level value (string or number) to DEBUG/INFO/WARN/ERROR, or undefined when unrecognised. */
export function normLevel(v: unknown): Level | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? numericLevel(v) : undefined;
  if (typeof v !== 'string') return undefined;
  // Fast path: slog's own four spellings, which are nearly every line of an AuthPlane log.
  switch (v) {
    case 'INFO': return 'INFO';
    case 'WARN': return 'WARN';
    case 'ERROR': return 'ERROR';
    case 'DEBUG': return 'DEBUG';
  }
  return parseLevelWord(v.trim());
}

function parseLevelWord(s: string): Level | undefined {
  if (s.length === 0 || s.length > 24) return undefined;
  const c0 = s.charCodeAt(0);
  if (c0 >= 0x30 && c0 <= 0x39) {
    const n = Number(s);
    return Number.isFinite(n) ? numericLevel(n) : undefined;
  }
  // slog writes custom levels as NAME±offset, e.g. `INFO+2`, `DEBUG-4`, `ERROR+4`.
  let cut = s.length;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2b || c === 0x2d) { cut = i; break; }
  }
  const base = BASE.get((cut === s.length ? s : s.slice(0, cut)).toLowerCase());
  if (base === undefined) return undefined;
  if (cut === s.length) return slogLevel(base);
  const off = Number(s.slice(cut));
  return slogLevel(Number.isFinite(off) ? base + off : base);
}
