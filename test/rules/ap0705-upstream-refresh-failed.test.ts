import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0705-upstream-refresh-failed.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const refresh = (outcome: string, before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { [`authserver_upstream_token_refresh_total{provider="google",outcome="${outcome}"}`]: before }),
  snapshot({ at: '2026-10-03T09:10:00Z' }, { [`authserver_upstream_token_refresh_total{provider="google",outcome="${outcome}"}`]: after }),
];

describe('AP0705 upstream refresh failed', () => {
  it('stays quiet when upstream refreshes succeed', () => {
    expect(run(refresh('success', 10, 30))).toEqual([]);
  });

  it('reports failed upstream refreshes with the provider', () => {
    const [f] = run(refresh('failed', 1, 9));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('authserver_upstream_token_refresh_total{outcome="failed",provider="google"} +8 in 10 min');
    expect(f?.evidence[0]?.metric).toMatchObject({ before: 1, after: 9, delta: 8 });
  });
});
