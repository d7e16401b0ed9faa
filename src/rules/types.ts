// The rule API (design.md "Findings") and the analysis result of contract.md.
import type { Model, TraceSummary } from '../correlate/index.ts';
import type { CauseId } from './causes.ts';

export type Severity = 'error' | 'warning' | 'info';
export type StepStatus = 'pass' | 'warn' | 'fail' | 'unknown';
/** What a rule needs from the bundle; when missing, the rule's step is `unknown`, not `pass`. */
export type Need = 'logs' | 'server-logs' | 'sdk-logs' | 'metrics' | 'metrics-2' | 'audit' | 'health' | 'as-metadata' | 'jwks' | 'prm' | 'config' | 'tokens' | 'exchanges' | 'mcp-exchanges';

/** One piece of proof a user can open: a record's place plus what it shows. */
export interface Evidence {
  kind: 'log' | 'metric' | 'audit' | 'document' | 'token';
  file: string;
  line: number;
  time?: string;
  trace_id?: string;
  request_id?: string;
  /** Human-readable excerpt (unredacted here; every renderer redacts it). */
  excerpt: string;
  /** Metric evidence: series and the values the finding relies on. */
  metric?: { name: string; labels: Record<string, string>; before: number | null; after: number; delta: number | null; windowSeconds: number | null };
  /** Audit evidence: the row's id and action. */
  audit?: { id: string; action: string; actor_id: string; client_id: string; detail: string };
}

/** What a check yields: one finding candidate. Metadata is filled in by the engine. */
export interface FindingDraft {
  /** 0..1, reflecting the evidence (one 401 is not a pattern). */
  confidence: number;
  /** Why this is the cause, in the bundle's own terms (counts, ids, values). */
  explanation: string;
  evidence: Evidence[];
  /** Optional override of the rule's static fix, with the bundle's concrete values. */
  fix?: string;
  /** Optional severity override (e.g. a rule that warns at low volume and errors at high). */
  severity?: Severity;
  /** How many requests/events this finding explains (ranking tie-break). */
  affected?: number;
  /** Trace/request ids this finding covers (to group consequences under root causes). */
  traces?: string[];
  /** First time the problem is visible (epoch ms), for ordering causes before consequences. */
  since?: number | null;
}

export interface RuleMeta {
  /** `AP` + two-digit step + two digits, e.g. AP0501. Never reused. */
  id: string;
  cause: CauseId;
  /** Checklist step 0–10 (must agree with the id's digits and the cause's step). */
  step: number;
  severity: Severity;
  /** Sentence case, no final period. */
  title: string;
  /** The static fix: which setting, which command. */
  fix: string;
  /** AuthPlane doc page this relates to. */
  docs: string;
  needs: Need[];
  /**
   * Causes this rule's findings are consequences of: when a finding of one of these causes is
   * present, this rule's findings are grouped under it (e.g. kid-unknown under signing-key-regenerated).
   */
  consequenceOf?: CauseId[];
}

export interface Rule extends RuleMeta {
  check(model: Model): Iterable<FindingDraft>;
}

/** Identity helper that type-checks a rule definition. */
export function defineRule(rule: Rule): Rule {
  return rule;
}

/** A finding as the contract's JSON carries it. */
export interface Finding {
  rule: string;
  cause: CauseId;
  step: number;
  severity: Severity;
  confidence: number;
  title: string;
  explanation: string;
  fix: string;
  docs: string;
  evidence: Evidence[];
  /** Rule ids of findings grouped under this one (its consequences). */
  related: string[];
  /** Rule id this finding is a consequence of, when grouped under another. */
  consequence_of?: string;
  affected?: number;
}

export interface ChecklistItem {
  step: number;
  title: string;
  status: StepStatus;
  findings: string[];
  /** Why, or what to collect to check this step. */
  note: string;
}

/** An AuthPlane error code / sentinel seen in the bundle, with its meaning and fix (reference §2). */
export interface ErrorSeen {
  code: string;
  count: number;
  meaning: string;
  fix: string;
  example?: Evidence;
}

export interface Analysis {
  schema: 'forensic.analysis/v1';
  tool: { name: 'forensic'; version: string };
  bundle: {
    source: string;
    sha256: string;
    authplane_version: string | null;
    time_range: { from: string; to: string } | null;
    files: { path: string; kind: string; format: string; wrapper: string | null; records: number; skipped: number; time_range?: { from: string; to: string } | null }[];
    /** `endsInput`: the input itself could not be read past this problem (files after it are missing). */
    problems: { path: string; line?: number; problem: string; endsInput?: boolean }[];
    /**
     * Log lines repeated so often past the retain limit that only their first and latest lines were
     * kept whole (most repeated first; absent when none). Counts in findings still include every line.
     */
    sampled_lines?: { source: string; msg: string; level: string; seen: number; kept: number }[];
  };
  checklist: ChecklistItem[];
  findings: Finding[];
  errors_seen: ErrorSeen[];
  traces: TraceSummary[];
  stats: { records: number; traces: number; requests: number; elapsed_ms: number };
}
