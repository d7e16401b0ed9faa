import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0710-lockouts.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0710 lockouts', () => {
  it('stays quiet for one lockout of one public address', () => {
    expect(run([log('auth lockout engaged', { ip: '203.0.113.9', until: '2026-10-03T09:30:00Z' }, { level: 'WARN' })])).toEqual([]);
  });

  it('reports a lockout of a private proxy address that blocks everyone behind it', () => {
    const [f] = run([
      log('auth lockout engaged', { ip: '10.0.0.2', until: '2026-10-03T09:30:00Z' }, { level: 'WARN', line: 12 }),
      auditRow('auth.locked_out', { ip: '10.0.0.2', detail: 'until=2026-10-03T09:30:00Z' }),
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('1 lockout');
    expect(f?.explanation).toContain('10.0.0.2 is a private address');
    expect(f?.evidence.map((e) => e.kind)).toEqual(['log', 'audit']);
  });
});
