// The assertions an expected.json implies, as stable ids (the ids samples/known-gaps.json lists),
// and how each is judged against an analysis.
import type { Analysis } from '../../src/rules/index.ts';
import type { Expected } from '../../samples/gen/types.ts';

export type { Expected };

/** `must_report:<cause>`, `primary`, `must_not_report:<cause>`, `healthy`, in that order. */
export function checksOf(e: Expected): string[] {
  return [
    ...e.must_report.map((c) => `must_report:${c}`),
    ...(e.primary ? ['primary'] : []),
    ...e.must_not_report.map((c) => `must_not_report:${c}`),
    ...(e.healthy ? ['healthy'] : []),
  ];
}

/** A cause counts as reported when a finding names it at error or warning level. */
function reported(a: Analysis, cause: string): boolean {
  return a.findings.some((f) => f.cause === cause && (f.severity === 'error' || f.severity === 'warning'));
}

/** Whether one check holds for the analysis. */
export function isMet(id: string, e: Expected, a: Analysis): boolean {
  if (id === 'primary') return a.findings[0]?.cause === e.primary;
  if (id === 'healthy') return !a.findings.some((f) => f.severity === 'error');
  const [kind, cause] = id.split(':') as [string, string];
  if (kind === 'must_report') return reported(a, cause);
  if (kind === 'must_not_report') return !reported(a, cause);
  throw new Error(`unknown check ${id}`);
}
