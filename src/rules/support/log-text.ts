// Log-record helpers every rule family shares: the searchable text of a record and the trace ids used to group consequences.
import type { LogRecord } from '../../ingest/index.ts';

/** Attributes whose values carry error text: server `error`, SDK `error_class`, host-app fields. */
const ERROR_KEYS = ['error', 'err', 'error_class', 'error_description', 'exc_info', 'exception', 'reason', 'description', 'detail', 'message', 'body', 'code'];

/** The message and its error-ish attribute values, joined by newlines: what a rule searches. */
export function logText(r: LogRecord): string {
  let text = r.msg;
  for (const k of ERROR_KEYS) {
    const v = r.attrs[k];
    if (typeof v === 'string' && v) text += `\n${v}`;
    else if (Array.isArray(v)) text += `\n${v.filter((x) => typeof x === 'string').join('\n')}`;
  }
  return text;
}

/** Distinct trace ids (or `req:<request_id>`) of log records, for grouping consequences. */
export function traceIds(records: readonly LogRecord[]): string[] {
  const ids = new Set<string>();
  for (const r of records) {
    const id = r.traceId ?? (r.requestId ? `req:${r.requestId}` : undefined);
    if (id) ids.add(id);
  }
  return [...ids];
}
