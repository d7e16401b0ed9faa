// Audit dumps in the shapes operators produce: the bare array /admin/audit returns (compact or via jq),
// the documented {"events":[…]} envelope, NDJSON from the export recipe, and a psql CSV export.
import type { AuditFormat } from './types.ts';
import type { AuditRow } from './world.ts';

function view(r: AuditRow): Record<string, string> {
  return { id: r.id, action: r.action, actor_id: r.actor_id, client_id: r.client_id, ip: r.ip, detail: r.detail, trace_id: r.trace_id, created_at: r.created_at };
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Audit files (path → content) for the rows, newest first as the API pages them. */
export function auditFiles(rows: AuditRow[], format: AuditFormat): [string, string][] {
  const newest = [...rows].sort((a, b) => b.t - a.t).map(view);
  switch (format) {
    case 'array': {
      const half = Math.ceil(newest.length / 2);
      // Two pages of the bare array (offset paging with limit=500, as the runbook suggests).
      return newest.length > 400
        ? [['audit/audit-page-1.json', `${JSON.stringify(newest.slice(0, half))}\n`], ['audit/audit-page-2.json', `${JSON.stringify(newest.slice(half))}\n`]]
        : [['audit/audit.json', `${JSON.stringify(newest)}\n`]];
    }
    case 'array-pretty':
      return [['audit/audit.json', `${JSON.stringify(newest, null, 2)}\n`]];
    case 'envelope':
      return [['audit/audit-events.json', `${JSON.stringify({ events: newest }, null, 2)}\n`]];
    case 'ndjson':
      return [['audit/audit-export.ndjson', newest.map((r) => JSON.stringify(r)).join('\n') + '\n']];
    case 'csv': {
      const cols = ['id', 'action', 'actor_id', 'client_id', 'ip', 'detail', 'trace_id', 'created_at'] as const;
      const oldest = [...newest].reverse();
      return [['audit/audit_events.csv', [cols.join(','), ...oldest.map((r) => cols.map((c) => csvCell(r[c]!)).join(','))].join('\n') + '\n']];
    }
  }
}
