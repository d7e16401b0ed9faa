// One-line forms of log and audit records for timelines and report log blocks.
import type { TimelineEntry } from '../../correlate/index.ts';
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';
import type { Redactor } from '../redact/redactor.ts';
import { clip, clock, firstLine, signedMs } from './text.ts';

// Attributes already shown in their own column, or noise on a timeline.
const SHOWN = new Set(['time', 'level', 'msg', 'service', 'component', 'request_id', 'trace_id', 'span_id', 'parent_span_id', 'source']);

/** `key=value` pairs of a log record's attrs, values redacted by key. */
export function attrText(attrs: Record<string, unknown>, r: Redactor | undefined, max = 12): string {
  const parts: string[] = [];
  for (const [k, v0] of Object.entries(attrs)) {
    if (SHOWN.has(k)) continue;
    if (parts.length >= max) {
      parts.push('…');
      break;
    }
    const v = r ? r.value(k, v0) : v0;
    const s = typeof v === 'string' ? (/[\s"=]/.test(v) || v === '' ? JSON.stringify(v) : v) : JSON.stringify(v);
    parts.push(`${k}=${s}`);
  }
  return parts.join(' ');
}

/** A log record as `LEVEL msg attrs` (first line of a multi-line message). */
export function logText(rec: LogRecord, r: Redactor | undefined): string {
  const msg = r ? r.text(firstLine(rec.msg)) : firstLine(rec.msg);
  return [rec.level.padEnd(5), JSON.stringify(msg), attrText(rec.attrs, r)].filter(Boolean).join(' ');
}

/** An audit row as `AUDIT action actor=… client=… detail`. */
export function auditText(a: AuditRecord, r: Redactor | undefined): string {
  const actor = r ? String(r.value('actor_id', a.actorId)) : a.actorId;
  const detail = r ? r.text(a.detail) : a.detail;
  const ip = a.ip ? ` ip=${r ? String(r.value('ip', a.ip)) : a.ip}` : '';
  return `AUDIT ${a.action} actor=${actor || '-'} client=${a.clientId || '-'}${ip} ${detail}`.trimEnd();
}

/** One timeline line: corrected time, clock offset marker, source, the record, and file:line. */
export function timelineLine(e: TimelineEntry, r: Redactor | undefined, max = 300): string {
  const rec = e.record;
  const offset = e.offsetMs !== 0 ? ` (clock ${signedMs(e.offsetMs)})` : '';
  const indent = '  '.repeat(Math.min(e.depth, 4));
  const source = rec.kind === 'log' ? rec.source : 'audit';
  const body = rec.kind === 'log' ? logText(rec, r) : auditText(rec, r);
  const where = `${rec.file}:${rec.line}`;
  const scrub = (s: string) => (r ? r.text(s) : s);
  // The stream name only when it says more than the file (a pod, a container, a unit).
  const src = source === rec.file ? '' : `${scrub(source)}  `;
  return `${clock(e.correctedTs)}${offset}  ${src}${indent}${clip(body, max)}  ${scrub(where)}`;
}
