import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0715-signer-unavailable.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0715 signer unavailable', () => {
  it('stays quiet when Vault logs in and renews', () => {
    expect(run([log('vault approle login successful', { lease_duration_s: 3600 })])).toEqual([]);
  });

  it('reports Vault 403s on transit/sign at the token endpoint', () => {
    const recs = [1, 2, 3].map((i) => log('token endpoint error', { error: 'sign token: vault transit/sign/authserver-signing: status 403: permission denied' }, { level: 'ERROR', line: 90 + i, time: `2026-10-03T10:0${i}:00Z` }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.confidence).toBe(0.9);
    expect(f?.explanation).toContain('3 signing failures between 10:01:00 and 10:03:00');
    expect(f?.explanation).toContain('status 403');
    expect(f?.evidence.map((e) => e.line)).toEqual([91, 92, 93]);
  });

  it('warns about renewal failures before signing stops', () => {
    const [f] = run([log('vault token renewal failed', { error: 'vault auth/token/renew-self: status 403: permission denied' }, { level: 'WARN' })]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
    expect(f?.explanation).toContain('signing stops when the Vault token expires');
  });
});
