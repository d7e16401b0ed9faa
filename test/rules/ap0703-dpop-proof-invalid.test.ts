import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0703-dpop-proof-invalid.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0703 DPoP proof invalid', () => {
  it('stays quiet for two rejections in an hour', () => {
    expect(run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 1 }),
      snapshot({ at: '2026-10-03T10:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 3 }),
    ])).toEqual([]);
  });

  it('names an htu mismatch from the SDK lines', () => {
    const recs = [1, 2, 3, 4, 5].map((i) => log('request rejected', { error: 'verifier: DPoP invalid: path mismatch' }, { origin: 'mcp-server', line: i }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 invalid-proof rejections at the MCP server');
    expect(f?.explanation).toContain('htu does not match');
  });

  it("leaves the MCP server's 'DPoP proof nonce mismatch' to the nonce rule, although Python raises it as InvalidDPoPProofError", () => {
    const recs = Array.from({ length: 12 }, (_, i) => log('authplane.token_verification_failed',
      { error_class: 'InvalidDPoPProofError', error: `DPoP proof nonce mismatch: expected 'n-${i + 1}', got 'n-${i}'` }, { origin: 'sdk', format: 'generic-json', level: 'DEBUG' }));
    expect(run(recs)).toEqual([]);
  });

  it('reports a sustained counter above 0.1/s', () => {
    const [f] = run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 0 }),
      snapshot({ at: '2026-10-03T09:05:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 90 }),
    ]);
    expect(f?.explanation).toContain('+90 in 5 min');
  });
});
