// Log matching for the step 5–10 rules: the text a rule searches (msg plus error-ish attributes)
// and one pass over the retained records with a cheap lower-case substring check before the regex.
import type { Model } from '../../correlate/index.ts';
import type { LogOrigin, LogRecord } from '../../ingest/index.ts';
import { logsWhereText, ofOrigins } from '../support/log-index.ts';
import { logText } from '../support/log-text.ts';

export { logText };
export { traceIds } from '../support/log-text.ts';
export { logsWithMsg } from '../support/log-index.ts';

/** A log pattern: `hint` is a lower-case substring that must be present before `re` runs. */
export interface LogPattern {
  hint: string;
  re: RegExp;
}

/** MCP-side records: SDK lines and the MCP server's own lines. */
export const MCP_SIDE: readonly LogOrigin[] = ['sdk', 'mcp-server'];

/** Retained records (optionally of some origins) whose text matches any pattern. */
export function matchLogs(model: Model, patterns: readonly LogPattern[], origins?: readonly LogOrigin[]): LogRecord[] {
  const keep = ofOrigins(origins);
  return logsWhereText(model, (text, lower) => patterns.some((p) => lower.includes(p.hint) && p.re.test(text)) && keep);
}

/** Earliest timestamp of the records, or null. */
export function earliest(records: readonly { ts: number | null }[]): number | null {
  let lo: number | null = null;
  for (const r of records) if (r.ts != null && (lo == null || r.ts < lo)) lo = r.ts;
  return lo;
}

/** The value of a string attribute, or undefined. */
export function attr(r: LogRecord, key: string): string | undefined {
  const v = r.attrs[key];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Count occurrences of each value (e.g. client_id) and return them most frequent first. */
export function tally(values: readonly (string | undefined)[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

// `"POST /mcp HTTP/1.1" 401` inside a combined/uvicorn access line.
const ACCESS_IN_MSG = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+) HTTP\/[\d.]+" (\d{3})\b/;

/** Status and path of an access line: structured attrs, or parsed from a combined/uvicorn message; null if not an access line. */
export function accessOf(r: LogRecord): { status: number; path: string } | null {
  const status = r.attrs.status ?? r.attrs.status_code ?? r.attrs['http.status_code'];
  if (typeof status === 'number') return { status, path: String(r.attrs.path ?? r.attrs.url ?? '') };
  const m = ACCESS_IN_MSG.exec(r.msg);
  return m ? { status: Number(m[2]), path: m[1]! } : null;
}
