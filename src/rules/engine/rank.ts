// Ranking and grouping: the most likely root cause first, consequences right after the cause they follow from.
import type { CauseId } from '../causes.ts';
import type { Finding, Severity } from '../types.ts';

/** A finding with what ranking and grouping need but the contract does not carry. */
export interface Candidate {
  finding: Finding;
  since: number | null;
  consequenceOf: readonly CauseId[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Severity, then confidence, then requests explained, then the earliest start. Negative = `a` first. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  const fa = a.finding;
  const fb = b.finding;
  return (
    SEVERITY_RANK[fb.severity] - SEVERITY_RANK[fa.severity] ||
    fb.confidence - fa.confidence ||
    (fb.affected ?? 0) - (fa.affected ?? 0) ||
    (a.since ?? Infinity) - (b.since ?? Infinity) ||
    fa.rule.localeCompare(fb.rule)
  );
}

/**
 * Order findings: each consequence (a finding whose rule names a cause that has a warning-or-worse
 * finding), and each further finding of an already-found cause, moves under the best-ranked finding
 * of that cause; groups are ranked by their best member,
 * and within a group the root comes first. Sets `related` on roots and `consequence_of` on children.
 */
export function orderFindings(candidates: Candidate[]): Finding[] {
  const sorted = [...candidates].sort(compareCandidates);
  // The best finding of each cause that can act as a root (an info finding explains nothing).
  const bestOfCause = new Map<CauseId, Candidate>();
  for (const c of sorted) if (c.finding.severity !== 'info' && !bestOfCause.has(c.finding.cause)) bestOfCause.set(c.finding.cause, c);

  const parent = new Map<Candidate, Candidate>();
  for (const c of sorted) {
    // A second finding of a cause is the same root cause seen another way (AP0102's /health and
    // AP0103's log errors): it joins that cause's best finding instead of ranking as a rival.
    const same = bestOfCause.get(c.finding.cause);
    const root = same && same !== c ? same
      : c.consequenceOf.filter((cause) => cause !== c.finding.cause).map((cause) => bestOfCause.get(cause)).find(Boolean);
    if (root && root !== c) parent.set(c, root);
  }
  const rootOf = (c: Candidate): Candidate => {
    const seen = new Set<Candidate>();
    let cur = c;
    while (parent.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = parent.get(cur)!;
    }
    return cur;
  };

  const groups = new Map<Candidate, Candidate[]>();
  for (const c of sorted) {
    const root = rootOf(c);
    if (!groups.has(root)) groups.set(root, []);
    if (root !== c) groups.get(root)!.push(c);
  }
  // Groups keep the position of their best member: a cascade of errors ranks its root first.
  const order = [...groups.keys()].sort((a, b) => {
    const bestA = [a, ...groups.get(a)!].sort(compareCandidates)[0]!;
    const bestB = [b, ...groups.get(b)!].sort(compareCandidates)[0]!;
    return compareCandidates(bestA, bestB) || compareCandidates(a, b);
  });

  const out: Finding[] = [];
  for (const root of order) {
    const children = groups.get(root)!;
    for (const child of children) {
      child.finding.consequence_of = root.finding.rule;
      // A second finding of the root's own rule (another resource, another pod) is not a related rule.
      if (child.finding.rule !== root.finding.rule && !root.finding.related.includes(child.finding.rule)) root.finding.related.push(child.finding.rule);
    }
    out.push(root.finding, ...children.map((c) => c.finding));
  }
  return out;
}
