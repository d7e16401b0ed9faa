// `analyze --trace <id>`: one trace's cross-source timeline in corrected time order (text or JSON).
import type { Model, TraceSummary } from '../../correlate/index.ts';
import { primeRedactor } from '../redact/prime.ts';
import type { RenderOptions } from './options.ts';
import { timelineLine } from './records.ts';
import { iso, plural } from './text.ts';

/** A record's text is cut only past this: a stack-trace-sized line, not an error message. */
const TRACE_LINE_CHARS = 2000;

/** One trace's cross-source timeline with file:line per record (text or JSON). */
export function renderTimeline(m: Model, id: string, o: RenderOptions & { format: 'text' | 'json' }): string {
  const r = o.redactor;
  if (r) primeRedactor(r, m);
  const t = m.traces.find(id);
  const entries = t ? m.traces.timeline(t.id) : [];
  if (o.format === 'json') {
    const records = entries.map((e) => {
      const { kind, file, line, ...fields } = e.record;
      const body = r ? (r.value('record', fields) as Record<string, unknown>) : fields;
      return { kind, file: r ? r.text(file) : file, line, corrected_time: e.correctedTs == null ? null : iso(e.correctedTs), offset_ms: e.offsetMs, depth: e.depth, ...jsonFields(body) };
    });
    return JSON.stringify({ trace: t ? traceJson(t) : null, records }, null, 2);
  }
  if (!t) return `No trace or request with id ${id} in this bundle.\n`;
  const head = [
    `Trace ${t.id}${t.requestIds.length ? `  (request ${t.requestIds.join(', ')})` : ''}`,
    [t.method, t.path, t.status, t.errorCode, t.verdict].filter((x) => x !== undefined && x !== '').join(' ') || t.outcome,
    `${iso(t.start)} → ${iso(t.end)}${t.durationMs != null ? ` (${t.durationMs} ms)` : ''} · ${plural(t.recordCount, 'record')} · ${t.sources.join(', ')}`,
  ];
  // Never cut to the terminal's width: --trace is how one request is read whole (the terminal wraps).
  const lines = entries.map((e) => timelineLine(e, r, TRACE_LINE_CHARS));
  if (entries.length === 0) lines.push('(the records of this trace were not retained; re-run with a narrower --since/--until)');
  const shifted = entries.some((e) => e.offsetMs !== 0);
  if (shifted) lines.push('', 'Times marked "clock ±…" were corrected by the estimated clock offset of their source.');
  return [...head.map((h) => (r ? r.text(h) : h)), '', ...lines].join('\n') + '\n';
}

/** The trace summary in the JSON output's own style (contract.md): snake_case keys, RFC 3339 times. */
function traceJson(t: TraceSummary): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: t.id, trace_id: t.traceId ?? null, request_ids: t.requestIds,
    start: t.start == null ? null : iso(t.start), end: t.end == null ? null : iso(t.end), duration_ms: t.durationMs,
    outcome: t.outcome, record_count: t.recordCount, sources: t.sources, origins: t.origins,
  };
  for (const [k, v] of [['status', t.status], ['error_code', t.errorCode], ['verdict', t.verdict], ['method', t.method], ['path', t.path]] as const) {
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * A record's own fields with snake_case keys (`requestId` → `request_id`); its epoch-ms `ts` gives way
 * to the RFC 3339 `time` it was read from (or becomes one). `attrs` stay as the log wrote them.
 */
function jsonFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'ts') continue;
    out[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
  }
  if (out.time === undefined && typeof fields.ts === 'number') out.time = iso(fields.ts);
  return out;
}
