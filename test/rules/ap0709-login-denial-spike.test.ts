import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0709-login-denial-spike.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0709 login denial spike', () => {
  it('stays quiet for a few mistyped passwords', () => {
    expect(run(Array.from({ length: 5 }, () => log('local authentication denied', { user_id: 'u1', reason: 'invalid_credentials' }, { level: 'WARN' })))).toEqual([]);
  });

  it('reports denials above the 10/s alert and calls out enumeration', () => {
    const [f] = run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_auth_denied_total{reason="user_not_found"}': 0, 'authserver_auth_denied_total{reason="invalid_credentials"}': 10 }),
      snapshot({ at: '2026-10-03T09:10:00Z' }, { 'authserver_auth_denied_total{reason="user_not_found"}': 7200, 'authserver_auth_denied_total{reason="invalid_credentials"}': 40 }),
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('peaking at 12.1/s');
    expect(f?.explanation).toContain('most common reason user_not_found (7200)');
    expect(f?.explanation).toContain('enumeration');
  });

  it('reports a fast burst of denials seen only in the logs as a warning', () => {
    const recs = Array.from({ length: 40 }, (_, i) => log('local authentication denied', { user_id: '', reason: 'user_not_found' }, { level: 'WARN', ts: Date.parse('2026-10-03T09:00:00Z') + i * 1000 }));
    const [f] = run(recs);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('40 login denials between 09:00:00 and 09:00:39');
  });
});
