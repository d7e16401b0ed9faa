import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0403-rotation-dropped-previous-key.ts';
import { auditRow, doc, model } from '../helpers/records.ts';

const rotated = auditRow('key.rotated', { actorId: 'admin', detail: 'admin rotated signing key: kid=k2', createdAt: '2026-10-03T09:00:00Z' });

describe('AP0403 rotation dropped the previous key', () => {
  it('stays quiet when the JWKS keeps both keys after a rotation', () => {
    const jwks = doc('jwks', { keys: [{ kid: 'k2' }, { kid: 'k1' }] }, { capturedAt: '2026-10-03T09:10:00Z' });
    expect([...rule.check(model([rotated, jwks]))]).toEqual([]);
  });

  it('stays quiet for a single key when no rotation happened', () => {
    expect([...rule.check(model([doc('jwks', { keys: [{ kid: 'k1' }] })]))]).toEqual([]);
  });

  it('stays quiet when the one key listed is the old one: a stale copy, not a dropped previous key', () => {
    const stale = doc('jwks', { keys: [{ kid: 'k1' }] }, { file: 'captures/jwks-public.txt', capturedAt: '2026-10-03T09:10:00Z' });
    expect([...rule.check(model([rotated, stale]))]).toEqual([]);
  });

  it('warns when a JWKS captured after the rotation lists one key', () => {
    const jwks = doc('jwks', { keys: [{ kid: 'k2' }] }, { file: 'jwks.json', capturedAt: '2026-10-03T09:10:00Z' });
    const [f] = [...rule.check(model([rotated, jwks]))];
    expect(f?.explanation).toContain('rotated at 09:00:00');
    expect(f?.explanation).toContain('single key (k2)');
    expect(f?.evidence[0]?.file).toBe('jwks.json');
  });
});
