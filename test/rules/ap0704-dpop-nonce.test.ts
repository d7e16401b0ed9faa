import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0704-dpop-nonce.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const metrics = (nonce: [number, number], valid: [number, number]) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="nonce_required"}': nonce[0], 'authplane_dpop_proofs_validated_total{result="valid"}': valid[0] }),
  snapshot({ at: '2026-10-03T09:10:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="nonce_required"}': nonce[1], 'authplane_dpop_proofs_validated_total{result="valid"}': valid[1] }),
];

describe('AP0704 DPoP nonce loop', () => {
  it('stays quiet when each client takes one nonce challenge and then succeeds', () => {
    expect(run(metrics([0, 3], [0, 50]))).toEqual([]);
  });

  it('reports nonce challenges far above accepted proofs', () => {
    const [f] = run(metrics([0, 40], [0, 2]));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('+40 in 10 min against 2 accepted proofs');
  });

  it('names the client refused with use_dpop_nonce again and again', () => {
    const rows = Array.from({ length: 6 }, () => auditRow('token.issue_denied', { clientId: 'cli-loop', detail: 'reason=use_dpop_nonce' }));
    const [f] = run(rows);
    expect(f?.explanation).toContain('client cli-loop was refused with use_dpop_nonce 6 times');
    expect(f?.evidence).toHaveLength(5);
  });
});
