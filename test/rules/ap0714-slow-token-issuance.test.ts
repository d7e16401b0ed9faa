import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0714-slow-token-issuance.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const H = 'authserver_token_issuance_duration_seconds';
const LE = ['0.1', '1', '2.5', '5', '+Inf'];
/** A histogram scrape with `counts` cumulative per bucket bound in LE order. */
const hist = (at: string, counts: number[]) => snapshot({ at }, Object.fromEntries([
  ...LE.map((le, i) => [`${H}_bucket{grant_type="authorization_code",le="${le}"}`, counts[i]!]),
  [`${H}_sum{grant_type="authorization_code"}`, 0], [`${H}_count{grant_type="authorization_code"}`, counts[counts.length - 1]!],
]));

describe('AP0714 slow token issuance', () => {
  it('stays quiet when issuance is fast', () => {
    expect(run([hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [100, 100, 100, 100, 100])])).toEqual([]);
  });

  it('reports a p99 between 2.5 and 5 s from the histogram', () => {
    const [f] = run([hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [10, 20, 20, 100, 100])]);
    expect(f?.explanation).toMatch(/p99 reached [3-5]\.\d s/);
    expect(f?.explanation).toContain('over 100 issuances');
  });

  it('falls back to the access log durations of POST /oauth/token', () => {
    const recs = Array.from({ length: 20 }, (_, i) => access('POST', '/oauth/token', 200, { durationMs: i < 15 ? 200 : 3500 }));
    const [f] = run(recs);
    expect(f?.explanation).toContain('p99 reached 3.5 s');
    expect(f?.evidence).toHaveLength(5);
  });
});
