// Pure filtering and searching over log records for the Logs view (unit-tested).
import { LEVEL_CODE } from '../../correlate/index.ts';
import type { Level, LogRecord } from '../../ingest/index.ts';

export interface LogFilter {
  /** Minimum level shown. */
  minLevel: Level;
  /** Only these sources (empty = all). */
  sources: string[];
  /** `key=value` field filters (trace_id, request_id, client_id, any attr, msg, source). */
  fields: { key: string; value: string }[];
}


/** Parse `trace_id=abc client_id=x` into field filters; words without `=` match the message. */
export function parseFieldFilter(text: string): { key: string; value: string }[] {
  return text.trim().split(/\s+/).filter(Boolean).map((tok) => {
    const eq = tok.indexOf('=');
    return eq > 0 ? { key: tok.slice(0, eq), value: tok.slice(eq + 1) } : { key: 'msg', value: tok };
  });
}

/** The value of a field of a record, by the names users type (`trace_id`, `request_id`, attrs). */
export function fieldValue(r: LogRecord, key: string): string | undefined {
  switch (key) {
    case 'trace_id': return r.traceId;
    case 'request_id': return r.requestId;
    case 'span_id': return r.spanId;
    case 'msg': return r.msg;
    case 'source': return r.source;
    case 'level': return r.level;
    case 'origin': return r.origin;
    case 'service': return r.service;
    case 'component': return r.component;
    default: {
      const v = r.attrs[key];
      return v == null ? undefined : typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
}

/** True when the record passes the filter. msg filters match substrings; other fields match exactly. */
export function matches(r: LogRecord, f: LogFilter): boolean {
  if (LEVEL_CODE[r.level] < LEVEL_CODE[f.minLevel]) return false;
  if (f.sources.length > 0 && !f.sources.includes(r.source)) return false;
  for (const { key, value } of f.fields) {
    const v = fieldValue(r, key);
    if (v == null) return false;
    if (key === 'msg' ? !v.toLowerCase().includes(value.toLowerCase()) : v !== value) return false;
  }
  return true;
}

/** Indexes (into `rows`) of the records that pass the filter. */
export function filterIndexes(rows: readonly LogRecord[], f: LogFilter): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (matches(rows[i]!, f)) out.push(i);
  return out;
}

/** The searchable text of a record: msg plus its ids and attrs. */
export function searchText(r: LogRecord): string {
  const attrs = Object.entries(r.attrs).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  return `${r.msg} ${r.traceId ?? ''} ${r.requestId ?? ''} ${attrs}`.toLowerCase();
}

/** Positions (in `view`, a list of row indexes) of the records whose text contains `query`, in order. */
export function matchPositions(rows: readonly LogRecord[], view: ArrayLike<number>, query: string): number[] {
  const q = query.toLowerCase();
  const out: number[] = [];
  if (!q) return out;
  for (let pos = 0; pos < view.length; pos++) if (searchText(rows[view[pos]!]!).includes(q)) out.push(pos);
  return out;
}

/**
 * The next match after position `from` (dir 1) or before it (dir -1), wrapping around, with its
 * number among the matches (1-based, for "match i/N"); null when there is none.
 */
export function nextMatch(matches: readonly number[], from: number, dir: 1 | -1): { pos: number; nth: number } | null {
  if (matches.length === 0) return null;
  // First match after `from`, by binary search.
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  let i = dir === 1 ? lo : (matches[lo - 1] === from ? lo - 2 : lo - 1);
  i = ((i % matches.length) + matches.length) % matches.length;
  return { pos: matches[i]!, nth: i + 1 };
}

const HM = /^(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

function validClock(h: string, m: string, s: string | undefined): boolean {
  return Number(h) <= 23 && Number(m) <= 59 && Number(s ?? 0) <= 59;
}

/**
 * Epoch ms of a time typed for "jump to time": `HH:MM[:SS[.mmm]]` on the UTC day of `day` (the
 * bundle's first record), or an RFC 3339 date-time (UTC when it has no offset, as the view shows
 * UTC). Null for anything else, including out-of-range fields (`25:99`, `2026-02-30T…`).
 */
export function parseJumpTime(text: string, day: number | null | undefined): number | null {
  const t = text.trim();
  const hm = HM.exec(t);
  if (hm) {
    if (day == null || !validClock(hm[1]!, hm[2]!, hm[3])) return null;
    const d = new Date(day);
    const ms = Math.floor(Number(hm[4] ?? 0) * 1000);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(hm[1]), Number(hm[2]), Number(hm[3] ?? 0), ms);
  }
  const full = RFC3339.exec(t);
  if (!full) return null;
  const [, y, mo, dd, h, mi, s, , zone] = full;
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(mo) < 1 || Number(mo) > 12 || Number(dd) < 1 || Number(dd) > daysInMonth || !validClock(h!, mi!, s)) return null;
  const ms = Date.parse(`${t.replace(' ', 'T')}${zone ? '' : 'Z'}`);
  return Number.isNaN(ms) ? null : ms;
}

/** Position in `view` of the first record at or after `ts` (for "jump to time"). */
export function positionAtTime(rows: readonly LogRecord[], view: ArrayLike<number>, ts: number): number {
  let lo = 0;
  let hi = view.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = rows[view[mid]!]!.ts;
    if (t != null && t < ts) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, view.length - 1));
}
