// Turns model records into Evidence a user can open (file:line, time, ids, excerpt).
import type { CounterSeries } from '../correlate/index.ts';
import type { AuditRecord, DocumentRecord, LogRecord, TokenRecord } from '../ingest/index.ts';
import type { Evidence } from './types.ts';

const SKIP_ATTRS = new Set(['time', 'level', 'msg']);

/** A log record as evidence; the excerpt is `LEVEL msg key=value …` (first line of a multi-line msg). */
export function logEvidence(r: LogRecord, maxAttrs = 8): Evidence {
  const kv = Object.entries(r.attrs).filter(([k]) => !SKIP_ATTRS.has(k)).slice(0, maxAttrs)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`);
  const msg = r.msg.split('\n')[0] ?? '';
  return {
    kind: 'log', file: r.file, line: r.line, time: r.time,
    trace_id: r.traceId, request_id: r.requestId,
    excerpt: [r.level, JSON.stringify(msg), ...kv].join(' '),
  };
}

/** An audit row as evidence. */
export function auditEvidence(a: AuditRecord): Evidence {
  return {
    kind: 'audit', file: a.file, line: a.line, time: a.createdAt, trace_id: a.traceId || undefined,
    excerpt: `${a.action} actor=${a.actorId || '-'} client=${a.clientId || '-'} ${a.detail}`.trim(),
    audit: { id: a.id, action: a.action, actor_id: a.actorId, client_id: a.clientId, detail: a.detail },
  };
}

/** A counter series as evidence: first and last value and the change between them. */
export function counterEvidence(s: CounterSeries): Evidence {
  const first = s.values[0];
  const last = s.values[s.values.length - 1] ?? first;
  const span = first?.time != null && last?.time != null ? (last.time - first.time) / 1000 : null;
  const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const name = labels ? `${s.name}{${labels}}` : s.name;
  return {
    kind: 'metric', file: last?.file ?? '', line: last?.line ?? 0,
    time: last?.time != null ? new Date(last.time).toISOString() : undefined,
    excerpt: s.values.length > 1 ? `${name} ${first!.value} → ${last!.value} (+${s.totalDelta}${span ? ` in ${Math.round(span)}s` : ''})` : `${name} ${s.last}`,
    metric: { name: s.name, labels: s.labels, before: s.values.length > 1 ? first!.value : null, after: s.last, delta: s.values.length > 1 ? s.totalDelta : null, windowSeconds: span },
  };
}

/** Where in a document evidence points: a member of its JSON body (`['keys', 0]`), or a response header of a capture. */
export type DocumentPlace = readonly (string | number)[] | { header: string };

/**
 * A document (or one field of it) as evidence, at the line holding what the excerpt quotes: the
 * member or header `at` names; failing that, for a captured exchange, its curl error, the
 * WWW-Authenticate line of a refusal, its status line or its output; else the document's first line.
 */
export function documentEvidence(d: DocumentRecord, excerpt: string, at?: DocumentPlace): Evidence {
  return { kind: 'document', file: d.file, line: documentLine(d, at), time: d.capturedAt != null ? new Date(d.capturedAt).toISOString() : undefined, excerpt };
}

/** The file line of a place in a document (see documentEvidence). */
export function documentLine(d: DocumentRecord, at?: DocumentPlace): number {
  const parts = d.http?.lines;
  const found = at === undefined ? undefined : 'header' in at ? parts?.headers[at.header.toLowerCase()] : d.memberLine?.(at);
  if (found !== undefined) return found;
  if (!parts) return d.line;
  const refusal = (d.http?.status ?? 0) >= 400 ? parts.headers['www-authenticate'] : undefined;
  return parts.error ?? refusal ?? parts.status ?? parts.body ?? d.line;
}

/** A token as evidence: header and the claims that matter, never the token itself. */
export function tokenEvidence(t: TokenRecord, excerpt?: string): Evidence {
  const c = t.claims;
  const text = excerpt ?? `kid=${String(t.header.kid ?? '-')} typ=${String(t.header.typ ?? '-')} iss=${String(c.iss ?? '-')} aud=${JSON.stringify(c.aud ?? null)} scope=${String(c.scope ?? '-')} exp=${String(c.exp ?? '-')}`;
  return { kind: 'token', file: t.file, line: t.line, excerpt: text };
}

/** First n plus last m items: evidence lists stay short but show the start and the end. */
export function sampleEnds<T>(items: readonly T[], first = 10, last = 5): T[] {
  if (items.length <= first + last) return [...items];
  return [...items.slice(0, first), ...items.slice(items.length - last)];
}
