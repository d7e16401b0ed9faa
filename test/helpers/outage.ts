// Shared pieces of the tests that read an outage bundle whose repeated lines were sampled past the
// retain limit (test/rules/sampled-counts-*.test.ts).
import { expect } from 'vitest';
import type { Model } from '../../src/correlate/index.ts';
import type { BundleRecord, LogRecord } from '../../src/ingest/index.ts';
import type { FindingDraft, Rule } from '../../src/rules/types.ts';
import { model } from './records.ts';

export const as0 = { source: 'pod/authserver-0/authserver', file: 'pods/as-0.log' };
export const as1 = { source: 'pod/authserver-1/authserver', file: 'pods/as-1.log' };
export const mcp = { source: 'pod/mcp-0/mcp', file: 'pods/mcp-0.log', origin: 'mcp-server' as const };

/** A model that keeps only the first 10 lines whole, so every repeated line past them is sampled. */
export const outage = (recs: BundleRecord[]): Model => model(recs, { retainLimit: 10 });
export const times = (n: number, make: (i: number) => LogRecord): LogRecord[] => Array.from({ length: n }, (_, i) => make(i));

/** The one finding `rule` makes on `m` (the test fails when there is none or more). */
export function only(rule: Rule, m: Model): FindingDraft {
  const found = [...rule.check(m)];
  expect(found).toHaveLength(1);
  return found[0]!;
}
