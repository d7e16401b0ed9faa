import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0704-dpop-nonce.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model, snapshot } from '../helpers/records.ts';

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

  it("reports the MCP server's own 'DPoP proof nonce mismatch' rejections as the nonce loop", () => {
    const recs = Array.from({ length: 12 }, (_, i) => log('authplane.token_verification_failed',
      { error_class: 'InvalidDPoPProofError', error: `DPoP proof nonce mismatch: expected 'n-${i + 1}', got 'n-${i}'` },
      { origin: 'sdk', format: 'generic-json', level: 'DEBUG', time: `2026-10-03T09:20:${String(i * 5).padStart(2, '0')}Z` }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('the MCP server rejected 12 DPoP proofs between 09:20:00 and 09:20:55 for a missing or stale nonce');
    expect(f?.explanation).not.toContain('dpop.require_nonce');
    expect(f?.evidence.length).toBeGreaterThan(0);
  });

  it('does not take invalid htu proofs at the MCP server for a nonce loop', () => {
    const recs = Array.from({ length: 12 }, () => log('authplane.token_verification_failed',
      { error_class: 'InvalidDPoPProofError', error: "DPoP proof URL mismatch: expected 'https://mcp.example.com/mcp', got 'http://10.0.0.5/mcp'" }, { origin: 'sdk', format: 'generic-json', level: 'DEBUG' }));
    expect(run(recs)).toEqual([]);
  });
});
