// Turns one `audit_events` row (any dump shape) into an AuditRecord.
import type { AuditRecord } from '../../../types.ts';
import { parseTime } from '../util/time.ts';
import { parseDetail } from './detail.ts';

/** The eight `audit_events` columns in schema order (also the CSV export header). */
export const AUDIT_COLUMNS = ['id', 'action', 'actor_id', 'client_id', 'ip', 'detail', 'trace_id', 'created_at'] as const;

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** True when an object looks like an audit row: it has an `action` and no log-line `msg`. */
export function isAuditRow(o: Record<string, unknown>): boolean {
  return typeof o.action === 'string' && !('msg' in o) && ('created_at' in o || 'createdAt' in o || 'actor_id' in o || 'actorId' in o || 'detail' in o);
}

/** Build an AuditRecord from a row object (snake_case or camelCase keys). Missing fields become ''. */
export function auditRecord(row: Record<string, unknown>, file: string, line: number, offset: number): AuditRecord {
  const detail = text(row.detail);
  const createdAt = text(row.created_at ?? row.createdAt);
  return {
    kind: 'audit', file, line, offset,
    id: text(row.id),
    action: text(row.action),
    actorId: text(row.actor_id ?? row.actorId),
    clientId: text(row.client_id ?? row.clientId),
    ip: text(row.ip),
    detail,
    ...parseDetail(detail),
    traceId: text(row.trace_id ?? row.traceId),
    createdAt,
    ts: parseTime(createdAt),
    origin: 'dump',
  };
}
