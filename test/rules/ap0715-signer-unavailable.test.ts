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

  const initialFailed = (source = 'pod-a') => log('initial JWKS reload failed (will retry on first request)', { error: 'vault: dial tcp 10.0.5.5:8200: i/o timeout' },
    { level: 'WARN', source, time: '2026-10-03T09:00:00.200Z' });
  const reloaded = (keyCount: number, source = 'pod-a') => log('JWKS cache reloaded', { key_count: keyCount, duration: 712331 }, { source, time: '2026-10-03T09:00:05Z' });
  const tokenOk = (i: number) => log('http request', { method: 'POST', path: '/oauth/token', status: 200 }, { source: 'pod-a', time: `2026-10-03T09:0${i}:10Z` });

  it('stays quiet when the failed initial JWKS load is followed by a reload with keys and tokens are issued', () => {
    expect(run([initialFailed(), reloaded(2), tokenOk(1), tokenOk(2), tokenOk(3)])).toEqual([]);
  });

  it('keeps a single failed initial load that never recovered to a weak warning', () => {
    const [f] = run([initialFailed(), tokenOk(1)]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
    expect(f?.explanation).toContain('no successful reload after it');
  });

  it('does not count a reload that found no keys, or a reload on another instance, as recovery', () => {
    expect(run([initialFailed(), reloaded(0)]).map((f) => f.severity)).toEqual(['warning']);
    expect(run([initialFailed('pod-a'), reloaded(2, 'pod-b')]).map((f) => f.severity)).toEqual(['warning']);
  });

  it('still reports an unrecovered initial load as an error once token requests fail to sign', () => {
    const failures = [1, 2, 3].map((i) => log('token endpoint error', { error: 'signing key not found' }, { level: 'ERROR', source: 'pod-a', time: `2026-10-03T09:0${i}:00Z` }));
    const [f] = run([initialFailed(), reloaded(0), ...failures]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 signing failures between 09:01:00 and 09:03:00');
    expect(f?.explanation).toContain('the key store could not be read (initial JWKS reload failed (will retry on first request))');
  });
});
