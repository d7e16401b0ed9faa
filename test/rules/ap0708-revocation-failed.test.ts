import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0708-revocation-failed.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0708 revocation failed', () => {
  it('stays quiet when reuse detection revoked the family', () => {
    expect(run([auditRow('family.revoked', { detail: 'reuse_detection family=fam-1' })])).toEqual([]);
  });

  it('reports a family that is still live and gives the exact revoke call', () => {
    const [f] = run([
      log('failed to revoke family during reuse detection', { family_id: 'fam-9', token_id: 't1', error: 'database is locked' }, { level: 'ERROR', line: 77 }),
      auditRow('family.revocation_failed', { detail: 'reuse_detection family=fam-9 path=reuse half=family' }),
    ]);
    expect(f?.severity).toBe('error');
    expect(f?.confidence).toBe(0.95);
    expect(f?.explanation).toContain('1 family revocation failed');
    expect(f?.explanation).toContain('fam-9');
    expect(f?.fix).toContain('DELETE /admin/tokens/fam-9');
    expect(f?.evidence[0]).toMatchObject({ kind: 'log', line: 77 });
  });

  it('reports a failed JTI denylist alone as a warning', () => {
    const [f] = run([auditRow('family.denylist_failed', { detail: 'code_reuse family=fam-3 path=code_reuse half=jti' })]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('still introspect as active');
  });
});
