// Pieces every rendering shares: the redaction hook, evidence lines, finding order and marks.
import type { Analysis, Evidence, Finding, StepStatus } from '../../rules/index.ts';
import type { Redactor } from '../redact/redactor.ts';
import { clip, firstLine } from './text.ts';

/** Redact free text when a redactor is given (every excerpt and value passes through it). */
export function scrub(r: Redactor | undefined, s: string): string {
  return r ? r.text(s) : s;
}

/** Checklist status marks used by the text and Markdown renderings. */
export const MARK: Record<StepStatus, string> = { pass: '✔', warn: '!', fail: '✘', unknown: '?' };

/** One evidence item as `file:line  time  excerpt` (excerpt first line, capped). */
export function evidenceLine(e: Evidence, r: Redactor | undefined, max = 240): string {
  const where = e.line > 0 ? `${e.file}:${e.line}` : e.file;
  const ids = e.trace_id ? `trace=${e.trace_id}` : e.request_id ? `request=${e.request_id}` : '';
  // Redact before cutting: a cut secret may no longer look like one.
  const excerpt = clip(scrub(r, firstLine(e.excerpt)), max);
  return [scrub(r, where), e.time ?? '', ids, excerpt].filter(Boolean).join('  ');
}

/** Root causes in engine order, each with the findings grouped under it (its consequences). */
export function groupFindings(a: Analysis): { root: Finding; consequences: Finding[] }[] {
  const byRule = new Map(a.findings.map((f) => [f.rule, f]));
  const under = new Map<string, Finding[]>();
  const roots: Finding[] = [];
  for (const f of a.findings) {
    const parent = f.consequence_of && byRule.has(f.consequence_of) ? f.consequence_of : undefined;
    if (parent) under.set(parent, [...(under.get(parent) ?? []), f]);
    else roots.push(f);
  }
  return roots.map((root) => ({ root, consequences: under.get(root.rule) ?? [] }));
}

/** `AP0501 audience-mismatch` for headings and lists. */
export function findingId(f: Finding): string {
  return `${f.rule} ${f.cause}`;
}

/** Confidence as a whole percentage. */
export function pct(c: number): string {
  return `${Math.round(c * 100)}%`;
}

/**
 * What to say when nothing was found: a bundle where no step could be checked must not read
 * like a clean bill of health.
 */
export function noFindingsSentence(a: Analysis): string {
  // A cut bundle's silence covers only its first part: say so (breakNote says where it broke).
  if (inputBreak(a)) return 'No findings in the part of the bundle that could be read (see where it breaks off above).';
  const passed = a.checklist.filter((c) => c.status === 'pass').length;
  // Step 9 (reproduce with MCP Inspector) is never checkable offline, so it is not "missing data".
  const unknown = a.checklist.filter((c) => c.status === 'unknown' && c.step !== 9).length;
  if (passed === 0) return 'No findings, but no checklist step could be checked: the bundle lacks what the steps look at (see what to collect above).';
  if (unknown > 0) return `No findings: ${passed} checklist step${passed === 1 ? '' : 's'} passed; ${unknown} could not be checked (see what to collect above).`;
  return 'No findings: every checklist step the bundle allows passed.';
}

/** The problem that says the input itself breaks off (a cut or broken archive), if there is one. */
export function inputBreak(a: Analysis): Analysis['bundle']['problems'][number] | undefined {
  return a.bundle.problems.find((p) => p.endsInput);
}

/** Where a cut bundle breaks off and what that means for the results; empty when it is whole. */
export function breakNote(a: Analysis, r: Redactor | undefined): string {
  const p = inputBreak(a);
  if (!p) return '';
  return `The bundle breaks off early (${scrub(r, p.path)}: ${scrub(r, p.problem)}): whatever came after that point is missing, so the results cover only the part that could be read.`;
}

type Sampled = NonNullable<Analysis['bundle']['sampled_lines']>[number];

/** One sampled line kind: `"msg" (LEVEL, source): 120000 lines, 1000 kept whole`. */
export function sampledLine(s: Sampled, r: Redactor | undefined): string {
  return `${JSON.stringify(clip(scrub(r, firstLine(s.msg)), 80))} (${s.level}, ${scrub(r, s.source)}): ${s.seen} lines, ${s.kept} kept whole`;
}

/** Why some lines were sampled, with the most repeated kind; empty when none were. */
export function sampledNote(a: Analysis, r: Redactor | undefined): string {
  const s = a.bundle.sampled_lines;
  if (!s?.length) return '';
  const kinds = s.length === 1 ? 'one kind of line' : `${s.length} kinds of line`;
  return `An outage repeated ${kinds} so often that only their first and latest lines were kept whole (most: ${sampledLine(s[0]!, r)}); every line is still counted.`;
}
