// Fixed sample time and the timestamp shapes each log writer uses (Go slog, kubectl, Python, journald, HTTP).

/** Start of the sample hour: 2026-10-03T08:00:00Z. Every bundle is placed in the hour after it. */
export const BASE = Date.UTC(2026, 9, 3, 8, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

/** Milliseconds since BASE → epoch ms. */
export function at(minutes: number, seconds = 0, ms = 0): number {
  return BASE + minutes * MINUTE + seconds * SECOND + ms;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function datePart(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function timePart(d: Date): string {
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** RFC 3339 with milliseconds (slog text handler, audit created_at with ms=false). */
export function isoMs(t: number): string {
  const d = new Date(t);
  return `${datePart(d)}T${timePart(d)}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

/** RFC 3339 seconds only (audit created_at, document time fields). */
export function isoSec(t: number): string {
  const d = new Date(t);
  return `${datePart(d)}T${timePart(d)}Z`;
}

/**
 * Go's time.RFC3339Nano as slog's JSON handler writes it: nanoseconds with trailing zeros trimmed.
 * `nanos` is the sub-millisecond part (0–999999) so lines are not all on whole milliseconds.
 */
export function isoNano(t: number, nanos = 0): string {
  const d = new Date(t);
  const frac = `${pad(d.getUTCMilliseconds(), 3)}${pad(nanos, 6)}`.replace(/0+$/, '');
  return `${datePart(d)}T${timePart(d)}${frac ? `.${frac}` : ''}Z`;
}

/** Nine-digit RFC 3339 as kubectl --timestamps, CRI and docker json-file write it. */
export function iso9(t: number, nanos = 0): string {
  const d = new Date(t);
  return `${datePart(d)}T${timePart(d)}.${pad(d.getUTCMilliseconds(), 3)}${pad(nanos, 6)}Z`;
}

/** Python logging's default asctime: `2026-10-03 08:00:00,716`. */
export function pythonTime(t: number): string {
  const d = new Date(t);
  return `${datePart(d)} ${timePart(d)},${pad(d.getUTCMilliseconds(), 3)}`;
}

/** Go's log package default prefix: `2026/10/03 08:00:00`. */
export function goLogTime(t: number): string {
  return pythonTime(t).slice(0, 19).replace(/-/g, '/');
}

/** journald __REALTIME_TIMESTAMP: microseconds since the epoch, as a string. */
export function journalMicros(t: number, nanos = 0): string {
  return `${t}${pad(Math.floor(nanos / 1000), 3)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** HTTP `Date` header (RFC 7231 IMF-fixdate). */
export function httpDate(t: number): string {
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${timePart(d)} GMT`;
}

/** Common-log-format time as Express/morgan writes it: `03/Oct/2026:08:00:01 +0000`. */
export function clfTime(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${timePart(d)} +0000`;
}

/** Compact stamp for file names: `20261003T084500Z`. */
export function fileStamp(t: number): string {
  return isoSec(t).replace(/[-:]/g, '');
}
