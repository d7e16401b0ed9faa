// Which traces the findings' evidence names, so the Traces view can lead with the ones behind the
// root cause instead of whichever requests failed first (pure, unit-tested).
import type { TraceSummary } from '../../correlate/index.ts';
import type { Finding } from '../../rules/index.ts';

/** Looks a trace up by trace id or request id (the model's `traces.find`). */
export type FindTrace = (id: string) => TraceSummary | undefined;

export interface CitedTrace {
  trace: TraceSummary;
  /** The highest-ranked finding whose evidence names the trace. */
  finding: Finding;
}

/**
 * The traces a finding's evidence names (its trace_id, else its request_id), each once, in evidence
 * order. Rules keep their evidence short, so this costs a few lookups, not a pass over the traces.
 */
export function tracesOf(finding: Finding, find: FindTrace): TraceSummary[] {
  const seen = new Set<string>();
  const out: TraceSummary[] = [];
  for (const e of finding.evidence) {
    const t = (e.trace_id ? find(e.trace_id) : undefined) ?? (e.request_id ? find(e.request_id) : undefined);
    if (t && !seen.has(t.id)) {
      seen.add(t.id);
      out.push(t);
    }
  }
  return out;
}

/** Every trace the findings cite, the root cause's first (findings come ranked), each under the first finding citing it. */
export function citedTraces(findings: readonly Finding[], find: FindTrace): CitedTrace[] {
  const seen = new Set<string>();
  const out: CitedTrace[] = [];
  for (const finding of findings) {
    for (const trace of tracesOf(finding, find)) {
      if (seen.has(trace.id)) continue;
      seen.add(trace.id);
      out.push({ trace, finding });
    }
  }
  return out;
}
