import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0702-dpop-replay.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const replays = (before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="replay"}': before, 'authplane_dpop_proofs_validated_total{result="valid"}': 100 }),
  snapshot({ at: '2026-10-03T09:10:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="replay"}': after, 'authplane_dpop_proofs_validated_total{result="valid"}': 400 }),
];

describe('AP0702 DPoP replay', () => {
  it('stays quiet when no proof is replayed', () => {
    expect(run(replays(0, 0))).toEqual([]);
  });

  it('reports six replays in ten minutes as an error with the counter values', () => {
    const [f] = run(replays(0, 6));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('authplane_dpop_proofs_rejected_total{reason="replay"} +6 in 10 min');
    expect(f?.evidence[0]?.metric).toMatchObject({ name: 'authplane_dpop_proofs_rejected_total', before: 0, after: 6, delta: 6 });
  });

  it('treats a single replay as a weak warning', () => {
    const [f] = run(replays(0, 1));
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });
});
