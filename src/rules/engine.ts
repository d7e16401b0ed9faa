// The rules engine: run every rule over the model, rank and group the findings, roll up the checklist.
import type { Model } from '../correlate/index.ts';
import { CATALOG } from './catalog/index.ts';
import { buildChecklist, type RuleRun } from './engine/checklist.ts';
import { errorsSeen } from './engine/errors-seen.ts';
import { orderFindings, type Candidate } from './engine/rank.ts';
import { missingNeeds } from './needs.ts';
import type { Analysis, Finding, FindingDraft, Need, Rule } from './types.ts';

export interface EngineOptions {
  /** Rules to run (default: the whole catalog). */
  rules?: readonly Rule[];
  toolVersion?: string;
  /** Wall time spent before the engine (ingest + correlate), for stats.elapsed_ms. */
  startedAt?: number;
}

/** Failing traces listed in the analysis (the TUI and report open them). */
const MAX_TRACES = 200;
/** Evidence items kept per finding. */
const MAX_EVIDENCE = 25;

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

function toCandidate(rule: Rule, d: FindingDraft): Candidate {
  const finding: Finding = {
    rule: rule.id, cause: rule.cause, step: rule.step,
    severity: d.severity ?? rule.severity,
    confidence: Math.round(clamp01(d.confidence) * 100) / 100,
    title: rule.title, explanation: d.explanation, fix: d.fix ?? rule.fix, docs: rule.docs,
    evidence: d.evidence.slice(0, MAX_EVIDENCE), related: [],
  };
  if (d.affected != null) finding.affected = d.affected;
  return { finding, since: d.since ?? null, consequenceOf: rule.consequenceOf ?? [] };
}

/** Run the catalog over the model and produce the contract's analysis. Never throws for a crashing rule. */
export function runEngine(model: Model, opts: EngineOptions = {}): Analysis {
  const rules = opts.rules ?? CATALOG;
  const problems = model.bundle.problems.map((p) => ({ ...p }));
  const needCache = new Map<Need, boolean>();
  const runs: RuleRun[] = [];
  const candidates: Candidate[] = [];
  for (const rule of rules) {
    const run: RuleRun = { rule, missing: missingNeeds(model, rule.needs, needCache), crashed: false };
    try {
      // Drain inside the try: a generator throws while iterated, not when called.
      for (const draft of rule.check(model)) candidates.push(toCandidate(rule, draft));
    } catch (err) {
      run.crashed = true;
      problems.push({ path: `rule ${rule.id}`, problem: `rule ${rule.id} crashed: ${(err as Error)?.message ?? String(err)}` });
    }
    runs.push(run);
  }
  const findings = orderFindings(candidates);
  // list() puts failing traces first, so a bounded list holds every failing one we report.
  const traces = model.traces.list(MAX_TRACES * 4).filter((t) => t.outcome !== 'ok' && t.outcome !== 'unknown').slice(0, MAX_TRACES);
  const b = model.bundle;
  const records = b.files.reduce((n, f) => n + f.records, 0);
  return {
    schema: 'forensic.analysis/v1',
    tool: { name: 'forensic', version: opts.toolVersion ?? '0.0.0' },
    bundle: {
      source: b.source, sha256: b.sha256, authplane_version: b.authplaneVersion, time_range: b.timeRange,
      files: b.files.map((f) => ({ path: f.path, kind: f.kind, format: f.format, wrapper: f.wrapper, records: f.records, skipped: f.skipped, time_range: f.timeRange })),
      problems,
      ...(model.logs.sampled.length > 0 && { sampled_lines: model.logs.sampled.map((s) => ({ ...s })) }),
    },
    checklist: buildChecklist(model, runs, findings),
    findings,
    errors_seen: errorsSeen(model),
    traces,
    stats: {
      records: records || model.logs.total + model.metrics.snapshots().length + model.audit.count() + model.documents.all().length + model.tokens.length,
      traces: model.traces.total,
      requests: model.http.total,
      elapsed_ms: opts.startedAt != null ? Math.max(0, Date.now() - opts.startedAt) : 0,
    },
  };
}
