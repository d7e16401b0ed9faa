// One trace's cross-source timeline: log records and audit rows in clock-corrected time order,
// nested by span parent/child when span ids exist.
import type { AuditRecord, LogRecord } from '../ingest/index.ts';
import type { TimelineEntry } from './model.ts';

/** Span nesting depth of each span id, following parent_span_id links inside the trace. */
function spanDepths(records: readonly LogRecord[]): Map<string, number> {
  const parentOf = new Map<string, string>();
  for (const r of records) if (r.spanId && r.parentSpanId && !parentOf.has(r.spanId)) parentOf.set(r.spanId, r.parentSpanId);
  const depth = new Map<string, number>();
  const spanIds = new Set(records.flatMap((r) => (r.spanId ? [r.spanId] : [])));
  for (const id of spanIds) {
    let d = 0;
    const seen = new Set([id]);
    // Walk up while the parent is a span of this trace; the seen set stops a malformed cycle.
    for (let p = parentOf.get(id); p !== undefined && spanIds.has(p) && !seen.has(p); p = parentOf.get(p)) {
      seen.add(p);
      d++;
    }
    depth.set(id, d);
  }
  return depth;
}

/** Merge records and audit rows into entries sorted by corrected time (untimed ones keep their place). */
export function buildTimeline(records: readonly LogRecord[], rows: readonly AuditRecord[], offsets: Map<string, number>): TimelineEntry[] {
  const depths = spanDepths(records);
  const entries: TimelineEntry[] = [];
  for (const r of records) {
    const offsetMs = offsets.get(r.source) ?? 0;
    entries.push({ record: r, correctedTs: r.ts === null ? null : r.ts + offsetMs, offsetMs, depth: r.spanId ? depths.get(r.spanId) ?? 0 : 0 });
  }
  for (const a of rows) entries.push({ record: a, correctedTs: a.ts, offsetMs: 0, depth: 0 });
  // Stable sort: entries without a time sort at the previous entry's time.
  let last = Number.NEGATIVE_INFINITY;
  const keyed = entries.map((e, i) => {
    if (e.correctedTs !== null) last = e.correctedTs;
    return { e, i, key: e.correctedTs ?? last };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.e);
}
