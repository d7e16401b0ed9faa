// A timeline record as text: its fields for the expanded row, and the whole record for `e` (pure, unit-tested).
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';
import { clock, wrapIndented, wrapLines } from './format.ts';

/** `[name, value]` of every field the record has, as a person would look them up. */
export function recordFields(r: LogRecord | AuditRecord): [string, string][] {
  const base = r.kind === 'audit'
    ? { id: r.id, action: r.action, actor_id: r.actorId, client_id: r.clientId, ip: r.ip, detail: r.detail, trace_id: r.traceId, created_at: r.createdAt }
    : { time: r.time, level: r.level, msg: r.msg, source: r.source, origin: r.origin, request_id: r.requestId, trace_id: r.traceId, span_id: r.spanId, ...r.attrs };
  return Object.entries(base).filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

/**
 * The whole record wrapped to `width`, nothing cut: when, what level and source, its place, the
 * message, then every field (a long value continues on indented lines). `show` redacts.
 */
export function recordLines(r: LogRecord | AuditRecord, correctedTs: number | null, width: number, show: (s: string) => string): string[] {
  const wrap = (s: string) => wrapLines(show(s), width, Number.POSITIVE_INFINITY);
  const level = r.kind === 'audit' ? 'AUDIT' : r.level;
  const source = r.kind === 'audit' ? 'audit trail' : r.source;
  const text = r.kind === 'audit' ? `${r.action} ${r.detail}` : r.msg;
  // The fields the first lines already show are not repeated (time stays: it is the record's own, uncorrected).
  const fields = recordFields(r).filter(([k]) => k !== 'msg' && k !== 'level' && k !== 'source').flatMap(([k, v]) => wrapIndented(show(`${k} = ${v}`), width));
  return [...wrap(`${clock(correctedTs)} ${level} ${source}`), ...wrap(`${r.file}:${r.line}`), '', ...wrap(text), '', ...fields];
}
