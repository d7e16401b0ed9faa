// The contract JSON (contract.md `forensic analyze --format json`), excerpts redacted when asked.
import type { Analysis, ErrorSeen, Evidence, Finding } from '../../rules/index.ts';
import type { Redactor } from '../redact/redactor.ts';
import type { RenderOptions } from './options.ts';

/** contract.md JSON, one document. */
export function renderJson(a: Analysis, o: RenderOptions): string {
  const r = o.redactor;
  const out: Analysis = !r ? a : {
    ...a,
    bundle: {
      ...a.bundle,
      problems: a.bundle.problems.map((p) => ({ ...p, problem: r.text(p.problem) })),
      ...(a.bundle.sampled_lines && { sampled_lines: a.bundle.sampled_lines.map((s) => ({ ...s, source: r.text(s.source), msg: r.text(s.msg) })) }),
    },
    checklist: a.checklist.map((c) => ({ ...c, note: r.text(c.note) })),
    findings: a.findings.map((f) => redactFinding(f, r)),
    errors_seen: a.errors_seen.map((e) => redactError(e, r)),
  };
  return JSON.stringify(withContractNulls(out), null, 2);
}

/**
 * contract.md makes every field required unless marked optional: an evidence item without a time,
 * trace or request id, and a problem without a line, say so with null rather than leave the key out.
 */
function withContractNulls(a: Analysis): unknown {
  const evidence = (e: Evidence) => ({ ...e, time: e.time ?? null, trace_id: e.trace_id ?? null, request_id: e.request_id ?? null });
  return {
    ...a,
    bundle: { ...a.bundle, problems: a.bundle.problems.map((p) => ({ path: p.path, line: p.line ?? null, problem: p.problem })) },
    findings: a.findings.map((f) => ({ ...f, evidence: f.evidence.map(evidence) })),
  };
}

/** A finding with its bundle-derived text through the redactor (ids, codes and paths survive it). */
export function redactFinding(f: Finding, r: Redactor): Finding {
  return { ...f, explanation: r.text(f.explanation), fix: r.text(f.fix), evidence: f.evidence.map((e) => redactEvidence(e, r)) };
}

/** An evidence item with its excerpt, metric labels and audit row redacted. */
export function redactEvidence(e: Evidence, r: Redactor): Evidence {
  const out: Evidence = { ...e, file: r.text(e.file), excerpt: r.text(e.excerpt) };
  if (e.metric) out.metric = { ...e.metric, labels: r.value('labels', e.metric.labels) as Record<string, string> };
  if (e.audit) out.audit = r.value('audit', e.audit) as NonNullable<Evidence['audit']>;
  return out;
}

function redactError(e: ErrorSeen, r: Redactor): ErrorSeen {
  return e.example ? { ...e, example: redactEvidence(e.example, r) } : e;
}
