import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1006-unexpected-key-rotation.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP1006 unexpected key rotation', () => {
  it('stays quiet for a routine rotation through the admin API', () => {
    expect(run([
      log('rotating signing key'), log('saved new signing key', { kid: 'k2', alg: 'ES256' }), log('admin key rotated', { kid: 'k2', alg: 'ES256' }),
      auditRow('key.rotated', { actorId: 'admin', detail: 'admin rotated signing key: kid=k2' }),
    ])).toEqual([]);
  });

  it('stays quiet for key generation at boot (that is step 4)', () => {
    expect(run([
      log('starting authserver', { version: '0.2.2', issuer: 'http://localhost:9000', address: ':9000' }, { time: '2026-10-03T09:00:00Z' }),
      log('no signing key found, generating', { algorithm: 'ES256' }, { time: '2026-10-03T09:00:01Z' }),
      log('saved new signing key', { kid: 'k9', alg: 'ES256' }, { time: '2026-10-03T09:00:02Z' }),
    ])).toEqual([]);
  });

  it('reports a rotation nobody asked for', () => {
    const [f] = run([
      log('rotating signing key', {}, { line: 40, time: '2026-10-03T03:12:00Z' }),
      log('saved new signing key', { kid: 'k3', alg: 'ES256' }, { line: 41, time: '2026-10-03T03:12:01Z' }),
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('1 signing-key rotation between 03:12:00 and 03:12:01 but no operator rotation (`admin key rotated` / key.rotated audit row)');
    expect(f?.evidence.map((e) => e.line)).toEqual([40, 41]);
  });
});
