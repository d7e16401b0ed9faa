// Timestamp parsing for log lines: an RFC 3339 fast path (any offset, nanoseconds) plus the
// Python asctime, Go `log` package, JUL SimpleFormatter and epoch-number shapes. Zone-less times are UTC.
import { intern } from './strings.ts';

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['Jan', 0], ['Feb', 1], ['Mar', 2], ['Apr', 3], ['May', 4], ['Jun', 5],
  ['Jul', 6], ['Aug', 7], ['Sep', 8], ['Oct', 9], ['Nov', 10], ['Dec', 11],
]);

/** Reads `n` ASCII digits of `s` at `i` as a number, or -1 when any is not a digit. */
function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = s.charCodeAt(i + k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

// The last date-time prefix parsed (`YYYY-MM-DDTHH:MM:SS`, interned) and its epoch ms. A substring compared
// with === against it measured at least as cheap as startsWith with a position or a char loop.
let cacheKey = '';
let cacheBase = 0;

/**
 * Parses `YYYY-MM-DD[T ]HH:MM:SS[.,fraction][Z|±HH[:MM]]` (also `YYYY/MM/DD …` as written by Go's
 * `log` package) in `s[start, end)` to epoch ms, or null. Hand-written: this runs once per line.
 */
export function parseIsoTime(s: string, start = 0, end = s.length): number | null {
  if (end - start < 19) return null;
  let base: number;
  // Consecutive log lines mostly share their second: reuse the validated date-time prefix.
  if (cacheKey !== '' && s.substring(start, start + 19) === cacheKey) {
    base = cacheBase;
  } else {
    const sep = s.charCodeAt(start + 4);
    if ((sep !== 0x2d && sep !== 0x2f) || s.charCodeAt(start + 7) !== sep) return null;
    const t = s.charCodeAt(start + 10);
    if (t !== 0x54 && t !== 0x20 && t !== 0x74) return null; // 'T', ' ', 't'
    if (s.charCodeAt(start + 13) !== 0x3a || s.charCodeAt(start + 16) !== 0x3a) return null;
    const y = num(s, start, 4), mo = num(s, start + 5, 2), d = num(s, start + 8, 2);
    const h = num(s, start + 11, 2), mi = num(s, start + 14, 2), sec = num(s, start + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 24 || mi < 0 || mi > 59 || sec < 0 || sec > 60) {
      return null;
    }
    base = Date.UTC(y, mo - 1, d, h, mi, sec);
    cacheKey = intern(s.slice(start, start + 19));
    cacheBase = base;
  }
  let i = start + 19;
  let ms = 0;
  const fc = s.charCodeAt(i);
  if (i < end && (fc === 0x2e || fc === 0x2c)) { // '.' or ','
    i++;
    let digits = 0;
    while (i < end) {
      const dd = s.charCodeAt(i) - 48;
      if (dd < 0 || dd > 9) break;
      if (digits < 3) ms = ms * 10 + dd;
      digits++;
      i++;
    }
    if (digits === 0) return null;
    if (digits === 1) ms *= 100;
    else if (digits === 2) ms *= 10;
  }
  let offsetMin = 0;
  if (i < end) {
    const z = s.charCodeAt(i);
    if (z === 0x5a || z === 0x7a) { // 'Z'
      i++;
    } else if (z === 0x2b || z === 0x2d) { // '+' / '-'
      const oh = num(s, i + 1, 2);
      if (oh < 0) return null;
      let j = i + 3;
      if (s.charCodeAt(j) === 0x3a) j++;
      let om = 0;
      if (j < end) {
        om = num(s, j, 2);
        if (om < 0) return null;
        j += 2;
      }
      offsetMin = (oh * 60 + om) * (z === 0x2d ? -1 : 1);
      i = j;
    }
    if (i !== end) return null;
  }
  return base + ms - offsetMin * 60_000;
}

/** Parses the JUL SimpleFormatter date parts (`Nov`, `27`, `2026`, `6`, `14`, `44`, `PM`) as UTC, or null. */
export function julTime(mon: string, day: string, year: string, hour: string, min: string, sec: string, ampm: string): number | null {
  const m = MONTHS.get(mon);
  if (m === undefined) return null;
  let h = Number(hour) % 12;
  if (ampm === 'PM') h += 12;
  const v = Date.UTC(Number(year), m, Number(day), h, Number(min), Number(sec));
  return Number.isFinite(v) ? v : null;
}

/** Converts an epoch number of unknown unit (s, ms, µs or ns, judged by magnitude) to ms. */
export function epochToMs(n: number): number | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  if (n >= 1e17) return Math.floor(n / 1e6);
  if (n >= 1e14) return Math.floor(n / 1e3);
  if (n >= 1e11) return Math.floor(n);
  return Math.floor(n * 1000);
}

/** Parses a time value from a JSON log (RFC 3339 string, epoch number, or numeric string) to epoch ms. */
export function anyTime(v: unknown): number | null {
  if (typeof v === 'string') {
    const iso = parseIsoTime(v);
    if (iso !== null) return iso;
    const c0 = v.charCodeAt(0);
    if (c0 >= 0x30 && c0 <= 0x39) {
      const n = Number(v);
      if (Number.isFinite(n)) return epochToMs(n);
    }
    return null;
  }
  if (typeof v === 'number') return epochToMs(v);
  return null;
}
