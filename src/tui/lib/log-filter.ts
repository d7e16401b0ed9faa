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

/**
 * Position (in `view`, a list of row indexes) of the next record whose text contains `query`,
 * searching forward (dir 1) or backward (dir -1) from `from`, wrapping around; -1 when none.
 */
export function findNext(rows: readonly LogRecord[], view: ArrayLike<number>, query: string, from: number, dir: 1 | -1): number {
  const q = query.toLowerCase();
  if (!q || view.length === 0) return -1;
  for (let step = 1; step <= view.length; step++) {
    const pos = (((from + dir * step) % view.length) + view.length) % view.length;
    if (searchText(rows[view[pos]!]!).includes(q)) return pos;
  }
  return -1;
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
