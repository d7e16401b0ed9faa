// Timestamp helpers shared by the document parsers: lenient RFC 3339 parsing and times in file names.

const SQL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch ms of an RFC 3339 / SQL-style timestamp (`2026-10-03T09:16:11Z`, `2026-10-03 09:16:11.5+00`),
 * or null. A time without zone is taken as UTC (AuthPlane stores UTC).
 */
export function parseTime(s: string | undefined | null): number | null {
  if (!s) return null;
  // Fast path: RFC 3339 as the API renders it, which Date.parse reads directly.
  if (s.length >= 20 && s.charCodeAt(10) === 0x54) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) return t;
  }
  const m = SQL_TIME.exec(s.trim());
  if (m) {
    let zone = m[3] ?? 'Z';
    if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
    else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const t = Date.parse(`${m[1]}T${m[2]}${zone.toUpperCase()}`);
    return Number.isNaN(t) ? null : t;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

// 2026-10-03T09-15-00Z, 2026-10-03T09:15:00Z, 20261003-091500, 20261003T091500Z, 2026-10-03_09-15-00.
const NAME_DATETIME =
  /(?<!\d)(\d{4})-?(\d{2})-?(\d{2})[T_ -]?(\d{2})[-:.]?(\d{2})[-:.]?(\d{2})(?:[.,](\d{1,3})\d*)?(Z|[+-]\d{2}(?:[:-]?\d{2})?)?(?!\d)/i;
const NAME_EPOCH = /(?<!\d)(\d{13}|\d{10})(?!\d)/;
// Plausible capture times: 2000-01-01 .. 2100-01-01, so version numbers or ids are not read as times.
const MIN_TIME = 946684800000;
const MAX_TIME = 4102444800000;

/** Epoch ms encoded in a file name (`metrics-2026-10-03T09-15-00Z.txt`, `metrics.1696324500.prom`), or null. */
export function timeFromName(path: string): number | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const m = NAME_DATETIME.exec(base);
  if (m) {
    const [, y, mo, d, h, mi, s, ms, zone] = m;
    let z = zone ? zone.toUpperCase().replace(/^([+-]\d{2})-?(\d{2})$/, '$1:$2') : 'Z';
    if (/^[+-]\d{2}$/.test(z)) z += ':00';
    const t = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.${(ms ?? '0').padEnd(3, '0')}${z}`);
    if (!Number.isNaN(t) && t >= MIN_TIME && t < MAX_TIME) return t;
  }
  const e = NAME_EPOCH.exec(base);
  if (e) {
    const n = Number(e[1]);
    const t = e[1]!.length === 13 ? n : n * 1000;
    if (t >= MIN_TIME && t < MAX_TIME) return t;
  }
  return null;
}

/** The name of the folder holding `path` (nested archive markers `!` dropped), or null at the root. */
export function parentFolder(path: string): string | null {
  const cut = path.lastIndexOf('/');
  if (cut <= 0) return null;
  const dir = path.slice(0, cut).replace(/!$/, '');
  const name = dir.slice(dir.lastIndexOf('/') + 1);
  return name === '' || name === '.' ? null : name;
}
