import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1002-revocation-error.ts';
import { access, auditRow, log, model } from '../helpers/records.ts';

describe('AP1002 revocation failed silently', () => {
  it('stays quiet when revocations succeed', () => {
    expect([...rule.check(model([auditRow('token.revoked', { clientId: 'cli-a', detail: 'family=f1' })]))]).toEqual([]);
  });

  it('reports revocation errors the clients never saw', () => {
    const e = (i: number) => log('revocation error', { error: 'revoke family: database is locked' }, { level: 'ERROR', line: i, time: `2026-10-03T09:0${i}:00Z` });
    const [f] = [...rule.check(model([e(1), e(2)]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('2 revocation requests between 09:01:00 and 09:02:00 failed inside AuthPlane ("revoke family: database is locked")');
    expect(f?.explanation).toContain('answers 200');
    expect(f?.evidence.map((x) => x.line)).toEqual([1, 2]);
  });

  it('cites the 200 the client got for the same request', () => {
    const err = log('revocation error', { error: 'timeout' }, { level: 'ERROR', line: 5, requestId: 'req-9' });
    const ok = access('POST', '/oauth/revoke', 200, { line: 6, requestId: 'req-9' });
    const [f] = [...rule.check(model([err, ok]))];
    expect(f?.explanation).toContain('(the access log shows it answered 200)');
    expect(f?.evidence.map((x) => x.line)).toEqual([5, 6]);
  });
});
