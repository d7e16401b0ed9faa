import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0110-config-deprecated.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0110 deprecated or relaxed config', () => {
  it('stays quiet without such warnings', () => {
    expect([...rule.check(model([log('DPoP enabled', { proof_lifetime: '1m0s' })]))]).toEqual([]);
  });

  it('lists the flagged settings as information only', () => {
    const a = log('deprecated config key in use — update your configuration', { old: 'oauth.default_client_scope' }, { level: 'WARN' });
    const b = log('dynamic client registration is open to unauthenticated callers', {}, { level: 'WARN' });
    const [f] = [...rule.check(model([a, b]))];
    expect(rule.severity).toBe('info');
    expect(f?.explanation).toContain('deprecated configuration key');
    expect(f?.explanation).toContain('dcr.mode=open');
  });
});
