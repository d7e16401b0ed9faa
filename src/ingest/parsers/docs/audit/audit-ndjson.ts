// Audit rows as NDJSON, one event object per line (the forensic export recipe of the docs).
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../format.ts';
import { isObject, ndjsonObjects, tryJson } from '../util/json-head.ts';
import { auditRecord, isAuditRow } from './row.ts';

/** Line parser: each non-empty line is one audit row. */
export function openAuditNdjson(ctx: ParseContext): LineParser {
  return {
    line(text, lineNo, offset) {
      if (text.trim() === '') return;
      const v = tryJson(text);
      if (v === undefined) ctx.problem(lineNo, 'audit: invalid or truncated JSON line');
      else if (!isObject(v)) ctx.problem(lineNo, 'audit: line is not an object');
      else if (!isAuditRow(v)) ctx.problem(lineNo, 'audit: line is not an audit event (no "action")');
      else ctx.emit(auditRecord(v, ctx.path, lineNo, offset));
    },
    end() {},
  };
}

/** Confident when every head line is an audit event object (and none is a log line). */
export function sniffAuditNdjson(head: FileHead): number {
  const objs = ndjsonObjects(head);
  if (!objs) return 0;
  return objs.every(isAuditRow) ? 0.95 : 0;
}

/** NDJSON audit export. */
export const auditNdjsonFormat: FileFormat = {
  id: 'audit-ndjson',
  kind: 'audit',
  mode: 'lines',
  sniff: sniffAuditNdjson,
  openLines: (ctx) => openAuditNdjson(ctx),
};
